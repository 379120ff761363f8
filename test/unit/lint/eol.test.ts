// The end-of-life table and the tag → release-cycle mapping, with a fixed "today".
import * as assert from 'node:assert/strict';
import { cycleForVersion, daysUntil, eolMatches, productForImage, supportedCycles } from '../../../src/lint/eol/lookup';
import { EOL_PRODUCTS, EOL_TABLE_CHECKED } from '../../../src/lint/eol/table';
import { parseImageRef } from '../../../src/dockerfile/image';
import { TODAY } from './ruleTester';

function cycles(image: string): string[] {
  return eolMatches(parseImageRef(image)).map((match) => `${match.product.product} ${match.cycle.cycle}`);
}

describe('end-of-life table', () => {
  it('covers the products the issue names, each with its source and valid dates', () => {
    const images = new Set(EOL_PRODUCTS.flatMap((product) => product.images));
    for (const image of ['debian', 'ubuntu', 'alpine', 'centos', 'amazonlinux', 'node', 'python', 'golang', 'eclipse-temurin', 'openjdk', 'ruby', 'php', 'nginx', 'postgres']) {
      assert.ok(images.has(image), image);
    }
    assert.match(EOL_TABLE_CHECKED, /^\d{4}-\d{2}-\d{2}$/);
    for (const product of EOL_PRODUCTS) {
      assert.match(product.source, /^https:\/\/endoflife\.date\/[a-z-]+$/);
      for (const cycle of product.cycles) {
        if (cycle.eol !== undefined) {
          assert.match(cycle.eol, /^\d{4}-\d{2}-\d{2}$/, `${product.product} ${cycle.cycle}`);
          assert.ok(!Number.isNaN(Date.parse(cycle.eol)));
        }
      }
    }
  });

  it('maps tags with variants to the product cycle and the OS cycle they name', () => {
    assert.deepEqual(cycles('node:18-alpine3.19'), ['nodejs 18', 'alpine-linux 3.19']);
    assert.deepEqual(cycles('python:3.8-slim-bookworm'), ['python 3.8', 'debian 12']);
    assert.deepEqual(cycles('debian:buster-slim'), ['debian 10']);
    assert.deepEqual(cycles('ubuntu:20.04'), ['ubuntu 20.04']);
    assert.deepEqual(cycles('golang:1.20'), ['go 1.20']);
    assert.deepEqual(cycles('golang:1.20.5-alpine3.18'), ['go 1.20', 'alpine-linux 3.18']);
    assert.deepEqual(cycles('golang:1.2'), []);
    assert.deepEqual(cycles('node:hydrogen-bullseye-slim'), ['nodejs 18', 'debian 11']);
    assert.deepEqual(cycles('node:18.19.0'), ['nodejs 18']);
    assert.deepEqual(cycles('eclipse-temurin:17.0.9_9-jre-jammy'), ['eclipse-temurin 17', 'ubuntu 22.04']);
    assert.deepEqual(cycles('openjdk:11-jre-slim'), ['eclipse-temurin 11']);
    assert.deepEqual(cycles('amazonlinux:2023.4.20240416.0'), ['amazon-linux 2023']);
    assert.deepEqual(cycles('amazonlinux:2018.03'), ['amazon-linux 2018.03']);
    assert.deepEqual(cycles('centos:7.9.2009'), ['centos 7']);
    assert.deepEqual(cycles('php:8.1-fpm-alpine3.16'), ['php 8.1', 'alpine-linux 3.16']);
    assert.deepEqual(cycles('postgres:16.2-bookworm'), ['postgresql 16', 'debian 12']);
    assert.deepEqual(cycles('public.ecr.aws/docker/library/node:20'), ['nodejs 20']);
    assert.deepEqual(cycles('123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/python:3.9'), ['python 3.9']);
  });

  it('ignores floating tags and images that are not the official ones', () => {
    for (const image of ['node:lts-alpine', 'node:current', 'node', 'python:slim', 'nginx:stable', 'myorg/node:16', 'ghcr.io/x/python:3.6', 'alpine:edge']) {
      assert.deepEqual(cycles(image), [], image);
    }
  });

  it('counts days and lists the cycles still supported on a given day', () => {
    assert.equal(daysUntil('2026-11-30', TODAY), 4);
    assert.equal(daysUntil('2026-11-26', TODAY), 0);
    assert.equal(daysUntil('2025-11-26', TODAY), -365);
    const node = productForImage(parseImageRef('node:20'));
    assert.ok(node);
    assert.deepEqual(supportedCycles(node, TODAY).map((cycle) => cycle.cycle), ['26', '24', '22']);
    assert.equal(cycleForVersion(node, 'iron')?.cycle, '20');
  });
});
