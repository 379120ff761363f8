// The scan findings view (src/views/scan/findingsPanel.ts). Reads the findings from the page's
// JSON block (or an 'update' message), renders them with textContent only: scanner text never
// becomes HTML. Links go to the extension as a message; it opens http(s) URLs and nothing else.
// Every word it shows comes translated in data.labels (templates with {0}, {1}… filled in here),
// and dates are written in data.locale, the user's display language.
/* global acquireVsCodeApi, document, window */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];
  const saved = vscode.getState() || {};
  const state = {
    severities: new Set(Array.isArray(saved.severities) ? saved.severities : SEVERITIES),
    fix: typeof saved.fix === 'string' ? saved.fix : 'any',
    text: typeof saved.text === 'string' ? saved.text : '',
    only: undefined,
    data: undefined,
    labels: {},
    locale: undefined,
  };

  /** A translated word, or a template with {0}, {1}… filled from the other arguments. */
  function label(key) {
    const values = Array.prototype.slice.call(arguments, 1);
    const template = typeof state.labels[key] === 'string' ? state.labels[key] : '';
    return template.replace(/\{(\d+)\}/g, (placeholder, index) => (values[Number(index)] !== undefined ? String(values[Number(index)]) : placeholder));
  }

  /** A date and time in the user's locale; the browser's own if that locale is not one it knows. */
  function dateTime(iso) {
    const date = new Date(iso);
    try {
      return date.toLocaleString(state.locale);
    } catch {
      return date.toLocaleString();
    }
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  function save() {
    vscode.setState({ severities: [...state.severities], fix: state.fix, text: state.text });
  }

  function matches(row) {
    if (state.only && !state.only.ids.includes(row.id)) {
      return false;
    }
    if (!state.severities.has(row.severity)) {
      return false;
    }
    // Basic scanning reports no fixed versions: the fix filter means nothing there.
    const enhanced = state.data && state.data.scanType === 'ENHANCED';
    if (enhanced && state.fix === 'yes' && !row.fixedVersion) {
      return false;
    }
    if (enhanced && state.fix === 'no' && row.fixedVersion) {
      return false;
    }
    const text = state.text.trim().toLowerCase();
    if (text) {
      const haystack = [row.id, row.packageName, row.installedVersion, row.fixedVersion, row.title, row.description].join('\n').toLowerCase();
      return text.split(/\s+/).every((word) => haystack.includes(word));
    }
    return true;
  }

  function renderHeader(data) {
    byId('image').textContent = data.image;
    byId('scan').textContent = data.completedAt ? label('scanLineCompleted', data.scanType, data.status, dateTime(data.completedAt)) : label('scanLine', data.scanType, data.status);
    const summary = byId('summary');
    summary.replaceChildren();
    for (const severity of SEVERITIES) {
      const count = (data.counts && data.counts[severity]) || 0;
      if (count > 0) {
        const badge = element('span', label('severityCount', count, severity), 'badge severity-' + severity.toLowerCase());
        badge.setAttribute('role', 'listitem');
        summary.append(badge);
      }
    }
    if (!summary.firstChild) {
      summary.append(element('span', label('noFindings'), 'badge'));
    }
    const fieldset = byId('severities');
    for (const old of fieldset.querySelectorAll('label')) {
      old.remove();
    }
    for (const severity of SEVERITIES) {
      const box = element('input');
      box.type = 'checkbox';
      box.value = severity;
      box.checked = state.severities.has(severity);
      box.addEventListener('change', () => {
        if (box.checked) {
          state.severities.add(severity);
        } else {
          state.severities.delete(severity);
        }
        save();
        renderRows();
      });
      const label = element('label');
      label.append(box, document.createTextNode(' ' + severity));
      fieldset.append(label);
    }
    const fix = byId('fix');
    fix.disabled = data.scanType !== 'ENHANCED';
    fix.title = fix.disabled ? label('fixFilterDisabled') : '';
    const columns = ['severity', 'vulnerability', 'package', 'installed', 'fixedIn'];
    if (data.scanType === 'ENHANCED') {
      columns.push('inspectorScore', 'epss', 'exploit');
    }
    byId('columns').replaceChildren(...columns.map((key) => element('th', label(key))));
  }

  function renderRows() {
    const data = state.data;
    if (!data) {
      return;
    }
    const body = byId('rows');
    const enhanced = data.scanType === 'ENHANCED';
    const columnCount = enhanced ? 8 : 5;
    const rows = [];
    let shown = 0;
    for (const row of data.rows) {
      if (!matches(row)) {
        continue;
      }
      shown++;
      const line = element('tr', undefined, 'finding');
      line.dataset.id = row.id;
      line.append(element('td', row.severity, 'severity severity-' + String(row.severity).toLowerCase()));
      const idCell = element('td');
      if (row.url) {
        const link = element('a', row.id);
        link.href = '#';
        link.title = row.url;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          vscode.postMessage({ type: 'open', url: row.url });
        });
        idCell.append(link);
      } else {
        idCell.textContent = row.id;
      }
      const fixed = row.fixedVersion
        ? element('td', row.fixedVersion)
        : enhanced
          ? element('td', label('noFix'), 'no-fix')
          : element('td', label('notReported'), 'not-reported');
      if (!row.fixedVersion && !enhanced) {
        fixed.title = label('notReportedTooltip');
      }
      line.append(idCell, element('td', row.packageName || ''), element('td', row.installedVersion || ''), fixed);
      if (enhanced) {
        line.append(element('td', row.inspectorScore || ''), element('td', row.epss || ''), element('td', row.exploitAvailable === undefined ? '' : row.exploitAvailable ? label('exploitYes') : label('exploitNo')));
      }
      rows.push(line);
      if (row.title || row.description) {
        const details = element('tr', undefined, 'details');
        const cell = element('td');
        cell.colSpan = columnCount;
        if (row.title) {
          cell.append(element('strong', row.title));
        }
        if (row.description) {
          cell.append(element('p', row.description));
        }
        details.append(cell);
        rows.push(details);
      }
    }
    body.replaceChildren(...rows);
    byId('shown').textContent =
      shown !== data.rows.length ? label('findingsShown', shown, data.rows.length) : shown === 1 ? label('oneFinding') : label('findingsCount', shown);
    const only = byId('only');
    only.hidden = !state.only;
    byId('only-label').textContent = state.only ? state.only.label : '';
  }

  function show(data) {
    state.data = data;
    state.only = data.only;
    // An update without words keeps the ones the page came with.
    if (data.labels && typeof data.labels === 'object') {
      state.labels = data.labels;
    }
    if (typeof data.locale === 'string') {
      state.locale = data.locale;
    }
    renderHeader(data);
    renderRows();
  }

  const fix = byId('fix');
  fix.value = state.fix;
  fix.addEventListener('change', () => {
    state.fix = fix.value;
    save();
    renderRows();
  });
  const text = byId('text');
  text.value = state.text;
  text.addEventListener('input', () => {
    state.text = text.value;
    save();
    renderRows();
  });
  byId('show-all').addEventListener('click', () => {
    state.only = undefined;
    renderRows();
  });
  byId('filters').addEventListener('submit', (event) => event.preventDefault());

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'update' && message.data) {
      show(message.data);
    }
  });

  const block = byId('findings-data');
  if (block && block.textContent) {
    show(JSON.parse(block.textContent));
  }
  vscode.postMessage({ type: 'ready' });
})();
