// perfscore's browser page: pick a pack, fill the form it generates, see the score as you type.
// Plain JavaScript, no libraries, nothing fetched but this server's own API.
"use strict";

const LANG = document.documentElement.dataset.lang === "en" ? "en" : "zh";
const WORDS = {
  zh: {
    pack: "评价方案", department: "单位", year: "年度", amounts: "部门级数据", token: "访问令牌",
    task: "任务", indicator: "指标", unit: "单位", target: "指标值", rule: "评分规则", weight: "权重",
    input: "填写", score: "得分", subtotal: "合计", total: "总分", grade: "等级", partial: "部分结果",
    possible: "仍可能的等级", subtotals: "小计", download: "下载", figures: "数据文件（YAML）",
    report: "报告", actual: "完成值", reason: "理由", scoreField: "评分", errors: "问题", other: "English",
  },
  en: {
    pack: "Scheme", department: "Department", year: "Year", amounts: "Department-level amounts", token: "Token",
    task: "task", indicator: "indicator", unit: "unit", target: "target", rule: "rule", weight: "weight",
    input: "figures", score: "score", subtotal: "subtotal", total: "total", grade: "grade", partial: "partial",
    possible: "grades still possible", subtotals: "Subtotals", download: "Download", figures: "figures (YAML)",
    report: "report", actual: "actual", reason: "reason", scoreField: "score", errors: "Problems", other: "中文",
  },
};
const W = WORDS[LANG];
const state = { pack: null, form: null, timer: null, seq: 0, reports: [] };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function headers() {
  const result = { "content-type": "application/json" };
  const token = document.getElementById("token").value.trim();
  if (token) result.authorization = "Bearer " + token;
  return result;
}

async function api(path, body) {
  const options = body === undefined ? { headers: headers() } : { method: "POST", headers: headers(), body: JSON.stringify(body) };
  const response = await fetch(path, options);
  return response;
}

function put(target, dotted, value) {
  const parts = dotted.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) node = node[part] = node[part] || {};
  node[parts[parts.length - 1]] = value;
}

function figures() {
  const data = {};
  const department = document.getElementById("department").value.trim();
  const year = document.getElementById("year").value.trim();
  if (department) data.department = department;
  if (year) data.year = /^\d+$/.test(year) ? Number(year) : year;
  for (const input of document.querySelectorAll("input[data-amount]")) {
    const value = input.value.trim();
    if (value) put((data.amounts = data.amounts || {}), input.dataset.amount, value);
  }
  for (const input of document.querySelectorAll("input[data-key]")) {
    const value = input.value.trim();
    if (!value) continue;
    const [id, key] = input.dataset.key.split(":");
    const entry = ((data.indicators = data.indicators || {})[id] = (data.indicators || {})[id] || {});
    put(entry, key, value);
  }
  return data;
}

function shown(node) {
  if (node.status === "not_applicable") return "—";
  if (node.score === null) return `${node.range.low}–${node.range.high}?`;
  return String(node.score) + (node.status === "overridden" ? "*" : "");
}

function showCard(card) {
  const visit = (nodes) => {
    for (const node of nodes) {
      const cell = document.querySelector(node.type === "group" ? `[data-group-score="${CSS.escape(node.id)}"]`
        : `[data-score="${CSS.escape(node.id)}"]`);
      if (cell) {
        cell.textContent = shown(node);
        cell.classList.toggle("partial", node.score === null);
        cell.title = node.explanation || "";
      }
      for (const other of document.querySelectorAll(`[data-subtotal="${CSS.escape(node.id)}"]`)) other.textContent = shown(node);
      if (node.children) visit(node.children);
    }
  };
  visit(card.children);
  const total = document.getElementById("total");
  total.replaceChildren();
  if (card.total !== null) {
    total.append(`${W.total} `, el("strong", { id: "total-score", text: String(card.total) }), ` / ${card.max}，${W.grade} `,
      el("strong", { id: "grade", text: card.grade || "—" }));
  } else {
    total.append(`${W.total} `, el("strong", { id: "total-score", class: "partial", text: `${card.range.low}–${card.range.high}` }),
      ` / ${card.max}（${W.partial}），${W.possible} `, el("strong", { id: "grade", text: card.grades_possible.join("、") }));
  }
  const problems = card.warnings.map((w) => `${w.code} ${w.message}`);
  document.getElementById("errors").textContent = problems.join("\n");
}

async function rescore() {
  const seq = ++state.seq;
  const response = await api("/score", { pack: state.pack, figures: figures(), lang: LANG });
  const body = await response.json();
  if (seq !== state.seq) return; // a later keystroke has already asked again
  document.getElementById("status").textContent = response.ok ? "" : `${W.errors}:`;
  if (response.ok) showCard(body);
  else document.getElementById("errors").textContent = body.message;
  document.body.dataset.scored = String(seq);
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(rescore, 250);
}

async function download(path, body, fallback) {
  const response = await api(path, body);
  if (!response.ok) {
    document.getElementById("errors").textContent = (await response.json()).message;
    return;
  }
  const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
  const link = el("a", { href: URL.createObjectURL(await response.blob()), download: match ? match[1] : fallback });
  document.body.append(link);
  link.click();
  link.remove();
}

function field(spec) {
  const label = spec.label === "actual" ? W.actual : spec.label === "score" ? W.scoreField : spec.label === "reason" ? W.reason : spec.label;
  return el("label", { class: "muted" }, label + " ",
    el("input", { type: "text", "data-key": spec.key, class: spec.label === "reason" ? "reason" : null, oninput: schedule, "aria-label": spec.key }));
}

function drawForm(detail) {
  const form = detail.form;
  const area = document.getElementById("form");
  area.replaceChildren();
  const amounts = el("div", { class: "bar" });
  for (const path of form.amounts) {
    amounts.append(el("label", {}, path + " ", el("input", { type: "text", "data-amount": path, oninput: schedule, "aria-label": path })));
  }
  if (form.amounts.length) area.append(el("h2", { text: W.amounts }), amounts);
  const table = el("table", { id: "scores" });
  table.append(el("thead", {}, el("tr", {}, ...[W.task, W.indicator, W.unit, W.target, W.rule, W.weight, W.input, W.score, W.subtotal]
    .map((text) => el("th", { text })))));
  const body = el("tbody");
  let previous = null;
  for (const item of form.indicators) {
    const task = item.path.length ? item.path[item.path.length - 1] : null;
    const first = !task || !previous || previous.id !== task.id;
    previous = task;
    const row = el("tr", { "data-indicator": item.id },
      el("td", { class: "task", text: first && task ? task.name : "" }),
      el("td", { text: item.name }),
      el("td", { text: item.unit || "" }),
      el("td", { text: item.target || "" }),
      el("td", { class: "rule", text: item.rule }),
      el("td", { class: "num", text: item.weight }),
      el("td", { class: "fields" }, ...item.fields.map(field)),
      el("td", { class: "score", "data-score": item.id }),
      el("td", { class: "subtotal", "data-subtotal": first && task ? task.id : null }));
    body.append(row);
  }
  table.append(body);
  area.append(el("h2", { text: detail.title }), table);
  const groups = el("ul", { class: "groups" });
  const seen = new Set();
  for (const item of form.indicators) {
    for (const group of item.path) {
      if (seen.has(group.id)) continue;
      seen.add(group.id);
      groups.append(el("li", {}, `${group.name}: `, el("strong", { "data-group-score": group.id }), ` / ${group.weight}`));
    }
  }
  area.append(el("h2", { text: W.subtotals }), groups);
}

async function choose(packId) {
  state.pack = packId;
  const response = await api(`/packs/${encodeURIComponent(packId)}?lang=${LANG}`);
  const detail = await response.json();
  if (!response.ok) {
    document.getElementById("errors").textContent = detail.message;
    return;
  }
  drawForm(detail);
  await rescore();
  document.body.dataset.pack = packId; // the form on the page is this pack's
}

async function start() {
  const app = document.getElementById("app");
  const select = el("select", { id: "pack", onchange: (event) => choose(event.target.value) });
  const other = LANG === "zh" ? "en" : "zh";
  app.append(
    el("div", { class: "bar" },
      el("label", {}, W.pack + " ", select),
      el("label", {}, W.department + " ", el("input", { type: "text", id: "department", class: "wide", oninput: schedule })),
      el("label", {}, W.year + " ", el("input", { type: "text", id: "year", oninput: schedule })),
      el("label", { class: "muted" }, W.token + " ", el("input", { type: "password", id: "token" })),
      el("a", { href: `/?lang=${other}` }, W.other)),
    el("div", { class: "bar", id: "downloads" }),
    el("p", { class: "total", id: "total" }),
    el("div", { id: "status", class: "errors" }),
    el("div", { id: "errors", class: "errors" }),
    el("div", { id: "form" }));
  const response = await api("/packs");
  const listing = await response.json();
  if (!response.ok) {
    document.getElementById("errors").textContent = listing.message;
    return;
  }
  state.reports = listing.reports;
  for (const pack of listing.packs) {
    if (!pack.template) select.append(el("option", { value: pack.id, text: `${pack.title} (${pack.id})` }));
  }
  const bar = document.getElementById("downloads");
  bar.append(W.download + ": ",
    el("button", { id: "download-figures", type: "button", onclick: () => download("/figures.yaml", { pack: state.pack, figures: figures() }, "figures.yaml") }, W.figures));
  for (const format of state.reports) {
    bar.append(el("button", { id: `download-${format}`, type: "button",
      onclick: () => download("/report", { pack: state.pack, figures: figures(), format, lang: LANG }, `report.${format}`) },
      `${W.report} ${format.toUpperCase()}`));
  }
  if (select.options.length) await choose(select.value);
  document.body.dataset.ready = "true";
}

start();
