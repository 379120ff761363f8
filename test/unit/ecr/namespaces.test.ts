import * as assert from 'node:assert/strict';
import { listNamespace } from '../../../src/ecr/namespaces';
import { repository } from './repositoryFixtures';

describe('listNamespace', () => {
  const all = ['web', 'team-b/worker', 'team-a/api', 'team-a/api/v2', 'team-a/ui', 'team-a', 'alpha', 'team-a/deep/x/y'].map((name) => repository(name));

  it('lists top-level folders with recursive counts, then top-level repositories, each sorted', () => {
    const listing = listNamespace(all, '');
    assert.deepEqual(listing.folders, [
      { name: 'team-a', path: 'team-a/', repositoryCount: 4 },
      { name: 'team-b', path: 'team-b/', repositoryCount: 1 },
    ]);
    assert.deepEqual(
      listing.repositories.map((r) => r.name),
      ['alpha', 'team-a', 'web'],
    );
  });

  it('lists one level inside a folder, with or without the trailing slash', () => {
    for (const path of ['team-a/', 'team-a']) {
      const listing = listNamespace(all, path);
      assert.deepEqual(listing.folders, [
        { name: 'api', path: 'team-a/api/', repositoryCount: 1 },
        { name: 'deep', path: 'team-a/deep/', repositoryCount: 1 },
      ]);
      assert.deepEqual(
        listing.repositories.map((r) => r.name),
        ['team-a/api', 'team-a/ui'],
      );
    }
  });

  it('does not mistake a name prefix for a folder', () => {
    const listing = listNamespace([repository('team-ab/x'), repository('team-a/y')], 'team-a/');
    assert.deepEqual(listing.folders, []);
    assert.deepEqual(
      listing.repositories.map((r) => r.name),
      ['team-a/y'],
    );
  });

  it('is empty for an unknown folder', () => {
    assert.deepEqual(listNamespace(all, 'nope/'), { folders: [], repositories: [] });
  });
});
