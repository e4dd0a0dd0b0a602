// The gongwen page. It keeps the source bytes and the user's corrections, sends both with
// every request, and shows what the server answers: the structure, the pages, the files.
// The server keeps nothing between requests.
'use strict';

const REASONS = {
  'web-trailer': '网站尾注 site trailer',
  'related-articles': '相关文章 related articles',
  'paywall': '付费提示 paywall',
  'duplicate': '重复 duplicate',
  'pinyin': '拼音注音 pinyin',
  'page-number': '页码残留 page number',
  'breadcrumb': '页面导航 page furniture',
  'source-line': '来源行 source line',
  'advertisement': '广告 advertisement',
  'manual': '手动删除 removed by hand',
  'image': '图片 image',
  'markup': '网页标记 HTML markup',
  'anti-copy': '防复制乱码 anti-copy characters',
};
const LEVELS = ['一级', '二级', '三级', '四级'];

const $ = (id) => document.getElementById(id);
const state = {
  file: null,        // {bytes, name, from} of a dropped or chosen file; null for pasted text
  edits: new Map(),  // block index → {block, kind?, level?}
  style: null,       // the custom style profile's TOML text
  seal: null,        // the seal image's bytes, base64
  title: null,
  sequence: 0,       // answers to older requests are dropped
  pageUrls: [],
};

function base64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function sourceBytes() {
  if (state.file) return state.file;
  const text = $('source').value;
  return { bytes: new TextEncoder().encode(text), name: null, from: /^\s*<\?xml|^\s*<document[\s>]/.test(text) ? 'xml' : 'text' };
}

function requestBody() {
  const src = sourceBytes();
  const body = {
    source: base64(src.bytes),
    from: src.from,
    simplified: $('opt-simplified').checked,
    keep_noise: $('opt-keep-noise').checked,
    no_normalize: $('opt-no-normalize').checked,
    edits: [...state.edits.values()].sort((a, b) => a.block - b.block),
  };
  if (src.name) body.name = src.name;
  if (state.file && $('opt-encoding').value) body.encoding = $('opt-encoding').value;
  if ($('opt-style').value === 'custom' && state.style !== null) body.style = state.style;
  const official = officialOptions();
  if (official) body.official = official;
  return JSON.stringify(body);
}

// The official-copy fields, as `gongwen convert`'s options; null when none is filled in.
function officialOptions() {
  const text = (id) => $(id).value.trim();
  const o = {
    issuer: text('opt-issuer').split('\n').map((s) => s.trim()).filter((s) => s),
    signer: text('opt-signer').split(/[、，,\s]+/).filter((s) => s),
    sealed: $('opt-sealed').checked,
  };
  for (const [key, id] of [['number', 'opt-number'], ['cc', 'opt-cc'], ['printed', 'opt-printed']]) {
    if (text(id)) o[key] = text(id);
  }
  if (state.seal) o.seal = state.seal;
  const empty = !o.issuer.length && !o.signer.length && !o.sealed && Object.keys(o).length === 3;
  return empty ? null : o;
}

function hasSource() {
  return state.file !== null || $('source').value.trim() !== '';
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  } catch (e) {
    throw new Error('无法连接服务器 / cannot reach the server');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const answer = await response.json();
      if (answer.error) message = `${answer.error}（${response.status}）`;
    } catch (e) { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response;
}

function showStatus(message, kind) {
  const box = $('status');
  box.textContent = message;
  box.className = 'status ' + (kind || '');
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.hidden = !message;
}

async function refresh() {
  const sequence = ++state.sequence;
  if (!hasSource()) {
    $('outline').replaceChildren();
    $('summary').textContent = '';
    $('findings-box').hidden = true;
    setPages([]);
    setDownloads(false);
    showStatus('');
    return;
  }
  showStatus('正在识别…… Reading…', 'busy');
  document.body.classList.add('busy');
  try {
    const body = requestBody();
    const tree = await (await post('/api/read', body)).json();
    if (sequence !== state.sequence) return;
    showTree(tree);
    setDownloads(true);
    const preview = await (await post('/api/preview', body)).json();
    if (sequence !== state.sequence) return;
    setPages(preview.pages);
    showStatus('');
  } catch (e) {
    if (sequence !== state.sequence) return;
    setDownloads(false);
    showStatus(e.message, 'error');
  } finally {
    if (sequence === state.sequence) document.body.classList.remove('busy');
  }
}

function showTree(tree) {
  state.title = tree.title;
  if (state.file) {
    const names = { xml: 'XML', docx: 'Word', md: 'Markdown' };
    const from = names[state.file.from] || tree.encoding || '';
    $('file-note').textContent = `文件 File: ${state.file.name}（${from}）。在上方修改文字会改用粘贴的文本。Editing the text above switches to it.`;
    $('file-note').hidden = false;
    if ($('source').value !== tree.text) $('source').value = tree.text;
  }
  const rows = tree.blocks.map((block, index) => row(block, index));
  $('outline').replaceChildren(...rows);
  const headings = tree.blocks.filter((b) => b.kind === 'heading').length;
  const removed = tree.blocks.filter((b) => b.kind === 'removed').length;
  $('summary').textContent = tree.blocks.length === 0
    ? '没有识别出内容。No content found.'
    : `${tree.blocks.length} 块 blocks · ${headings} 个层次标题 headings · ${removed} 行已删除 removed · ${tree.changes} 处标点等修正 repairs`;
  const list = $('findings');
  list.replaceChildren(...tree.findings.map((f) => {
    const li = document.createElement('li');
    li.className = f.severity;
    li.textContent = (f.line ? `第 ${f.line} 行 line ${f.line}: ` : '') + f.message + (f.hint ? ` — ${f.hint}` : '');
    return li;
  }));
  $('findings-count').textContent = `(${tree.findings.length})`;
  $('findings-box').hidden = tree.findings.length === 0;
}

function row(block, index) {
  const li = $('row').content.firstElementChild.cloneNode(true);
  li.dataset.index = index;
  li.dataset.kind = block.kind;
  if (block.level) li.dataset.level = block.level;
  if (state.edits.has(index)) li.classList.add('edited');
  const line = li.querySelector('.line');
  line.textContent = block.line ? block.line : '·';
  line.setAttribute('aria-label', block.line ? `第 ${block.line} 行 line ${block.line}` : '');
  line.disabled = !block.line;
  line.addEventListener('click', () => selectLine(block.line));

  const role = li.querySelector('.role');
  if (![...role.options].some((o) => o.value === block.kind)) {
    role.add(new Option(block.kind, block.kind));
  }
  role.value = block.kind;
  role.addEventListener('change', () => {
    const edit = { block: index, kind: role.value };
    if (role.value === 'heading') edit.level = block.level || 1;
    state.edits.set(index, edit);
    refresh();
  });

  const level = li.querySelector('.level');
  level.hidden = block.kind !== 'heading';
  if (block.level) level.value = String(block.level);
  level.addEventListener('change', () => {
    const edit = Object.assign({}, state.edits.get(index) || { block: index }, { level: Number(level.value) });
    state.edits.set(index, edit);
    refresh();
  });

  const text = li.querySelector('.text');
  if (block.kind === 'removed') {
    const del = document.createElement('del');
    del.textContent = block.text;
    const why = document.createElement('span');
    why.className = 'reason';
    why.textContent = REASONS[block.reason] || block.reason;
    text.replaceChildren(del, why);
  } else {
    if (block.label) {
      const label = document.createElement('span');
      label.className = 'label-text';
      label.textContent = block.label;
      text.append(label);
    }
    text.append(document.createTextNode(block.text));
    for (const part of block.removed_parts) {
      const del = document.createElement('del');
      del.className = 'inline-removed';
      del.title = REASONS[part.reason] || part.reason;
      del.textContent = part.text;
      text.append(' ', del);
    }
  }
  const restore = li.querySelector('.restore');
  restore.hidden = block.kind !== 'removed';
  restore.addEventListener('click', () => {
    state.edits.set(index, { block: index, kind: 'p' });
    refresh();
  });
  if (block.children.length > 0) {
    // An appendix's own blocks are shown, not corrected here (the XML corrects them).
    role.disabled = true;
    const list = document.createElement('ol');
    list.className = 'children';
    list.setAttribute('aria-label', `${block.label || '附件'}的内容 Appendix content`);
    list.append(...block.children.map((child) => {
      const item = row(child, -1);
      item.querySelectorAll('select').forEach((control) => { control.disabled = true; });
      item.querySelector('.restore').hidden = true;
      return item;
    }));
    li.append(list);
  }
  return li;
}

function selectLine(number) {
  if (!number) return;
  const area = $('source');
  const lines = area.value.split('\n');
  let start = 0;
  for (let i = 0; i < number - 1 && i < lines.length; i++) start += lines[i].length + 1;
  const end = start + (lines[number - 1] || '').length;
  area.focus();
  area.setSelectionRange(start, end);
}

function setPages(pages) {
  state.pageUrls.forEach((url) => URL.revokeObjectURL(url));
  state.pageUrls = pages.map((svg) => URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
  $('preview').replaceChildren(...state.pageUrls.map((url, i) => {
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.className = 'page';
    img.src = url;
    img.alt = `第 ${i + 1} 页 Page ${i + 1}`;
    const caption = document.createElement('figcaption');
    caption.textContent = `${i + 1} / ${pages.length}`;
    figure.append(img, caption);
    return figure;
  }));
}

function setDownloads(enabled) {
  document.querySelectorAll('.downloads button').forEach((b) => { b.disabled = !enabled; });
}

async function download(format) {
  try {
    showStatus('正在生成…… Rendering…', 'busy');
    const response = await post('/api/render?to=' + format, requestBody());
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = ((state.title || 'document').replace(/[\\/:*?"<>|\n]/g, '').slice(0, 80) || 'document') + '.' + format;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    showStatus(`已下载 Downloaded ${a.download}`, 'done');
  } catch (e) {
    showStatus(e.message, 'error');
  }
}

async function takeFile(file) {
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const from = /\.xml$/i.test(file.name) ? 'xml'
    : /\.docx$/i.test(file.name) ? 'docx'
    : /\.(md|markdown)$/i.test(file.name) ? 'md' : 'text';
  state.file = { bytes, name: file.name, from };
  state.edits.clear();
  refresh();
}

let typing = null;
function sourceChanged() {
  state.file = null;
  $('file-note').hidden = true;
  state.edits.clear();
  clearTimeout(typing);
  typing = setTimeout(refresh, 400);
}

function init() {
  $('source').addEventListener('input', sourceChanged);
  $('file').addEventListener('change', (e) => takeFile(e.target.files[0]));
  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    takeFile(e.dataTransfer.files[0]);
  });
  // A file dropped beside the zone would make the browser open it and leave the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  // The official-copy fields add blocks to the tree, so earlier corrections no longer
  // point at the same lines.
  ['opt-simplified', 'opt-keep-noise', 'opt-no-normalize', 'opt-encoding', 'opt-issuer', 'opt-number',
    'opt-signer', 'opt-sealed', 'opt-cc', 'opt-printed'].forEach((id) => $(id).addEventListener('change', () => {
    state.edits.clear();
    refresh();
  }));
  $('opt-style').addEventListener('change', () => {
    const custom = $('opt-style').value === 'custom';
    $('opt-style-file').hidden = !custom;
    if (custom && state.style === null) $('opt-style-file').click();
    else refresh();
  });
  $('opt-seal').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    state.seal = file ? base64(new Uint8Array(await file.arrayBuffer())) : null;
    state.edits.clear();
    refresh();
  });
  $('opt-style-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    state.style = file ? await file.text() : null;
    refresh();
  });
  document.querySelectorAll('.downloads button').forEach((b) => b.addEventListener('click', () => download(b.dataset.format)));
  if (hasSource()) refresh();
}

init();
