"use strict";
(() => {
  const TEXTS = {
    ru: {
      tagline: "Проверка ответа клиенту по мере набора",
      client: "Сообщение клиента", draft: "Ваш ответ", findings: "Замечания",
      firstContact: "первый ответ клиенту", draftLang: "Язык ответа:", auto: "авто",
      keys: "Alt+↓ / Alt+↑ — следующее / предыдущее замечание",
      checking: "Проверяю…", none: "Замечаний нет", count: (n) => `Замечаний: ${n}`, empty: "Начните писать ответ",
      show: "Показать", why: "Почему?", fix: "Исправить", unanswered: "Вопрос без ответа подсвечен в сообщении клиента",
      failed: "Ошибка проверки: ", unreachable: "Сервер replylint не отвечает", token: "Нужен токен: откройте страницу как /?token=…",
      severity: { error: "ошибка", warning: "предупреждение", info: "совет" }, line: "стр.",
    },
    uk: {
      tagline: "Перевірка відповіді клієнтові під час набору",
      client: "Повідомлення клієнта", draft: "Ваша відповідь", findings: "Зауваження",
      firstContact: "перша відповідь клієнтові", draftLang: "Мова відповіді:", auto: "авто",
      keys: "Alt+↓ / Alt+↑ — наступне / попереднє зауваження",
      checking: "Перевіряю…", none: "Зауважень немає", count: (n) => `Зауважень: ${n}`, empty: "Почніть писати відповідь",
      show: "Показати", why: "Чому?", fix: "Виправити", unanswered: "Питання без відповіді підсвічене в повідомленні клієнта",
      failed: "Помилка перевірки: ", unreachable: "Сервер replylint не відповідає", token: "Потрібен токен: відкрийте сторінку як /?token=…",
      severity: { error: "помилка", warning: "попередження", info: "порада" }, line: "р.",
    },
    en: {
      tagline: "Checks a reply to a client as you type",
      client: "Client's message", draft: "Your reply", findings: "Findings",
      firstContact: "first reply to this client", draftLang: "Reply language:", auto: "auto",
      keys: "Alt+↓ / Alt+↑ — next / previous finding",
      checking: "Checking…", none: "No findings", count: (n) => `Findings: ${n}`, empty: "Start typing the reply",
      show: "Show", why: "Why?", fix: "Fix", unanswered: "The unanswered question is highlighted in the client's message",
      failed: "Check failed: ", unreachable: "The replylint server does not answer", token: "A token is needed: open the page as /?token=…",
      severity: { error: "error", warning: "warning", info: "info" }, line: "line",
    },
  };
  const DEBOUNCE_MS = 250;
  const WIDE = 30;  // UTF-16 units: a finding longer than this (a sentence, the whole reply) is drawn lighter
  const $ = (id) => document.getElementById(id);
  const client = $("client"), draft = $("draft"), firstContact = $("first-contact"), langSelect = $("lang");
  const list = $("findings"), status = $("status");

  const params = new URLSearchParams(location.search);
  const token = params.get("token") || sessionStorage.getItem("replylint-token");
  if (params.has("token")) {  // keep the token out of the address bar and the history
    sessionStorage.setItem("replylint-token", token);
    params.delete("token");
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;

  let lang = pickLanguage();
  let findings = [], current = -1, sequence = 0, timer = null, inflight = null, stale = false, due = false;
  const explanations = {};
  const opened = new Set();  // rules whose explanation the agent opened

  function pickLanguage() {
    const saved = params.get("lang") || localStorage.getItem("replylint-lang");
    if (saved && TEXTS[saved]) return saved;
    for (const wanted of navigator.languages || []) {
      const base = wanted.slice(0, 2).toLowerCase();
      if (TEXTS[base]) return base;
    }
    return "ru";
  }

  function t(key) { return TEXTS[lang][key]; }

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const button of document.querySelectorAll("#languages button")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    }
    loadExplanations().then(renderFindings);
  }

  async function loadExplanations() {
    if (explanations[lang]) return;
    try {
      const answer = await fetch(`v1/rules?lang=${lang}`, { headers });
      if (answer.ok) explanations[lang] = (await answer.json()).rules;
    } catch (_) { /* the list still works without them */ }
  }

  // The API counts characters as Python does (code points); JavaScript strings count UTF-16 units.
  function unitOffsets(text) {
    const offsets = [0];
    let units = 0;
    for (const ch of text) { units += ch.length; offsets.push(units); }
    return offsets;
  }
  function toUnits(offsets, codePoint) {
    return offsets[Math.max(0, Math.min(codePoint, offsets.length - 1))];
  }

  function schedule() {
    clearTimeout(timer);
    status.dataset.busy = "true";  // a check is due: what is listed is for an older text
    due = true;
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    clearTimeout(timer);
    due = false;
    const text = draft.value;
    const mine = ++sequence;
    if (inflight) inflight.abort();
    if (!text.trim()) {
      findings = []; current = -1; stale = false; setStatus(t("empty")); render();
      status.dataset.busy = "false";
      return;
    }
    status.dataset.busy = "true";
    setStatus(t("checking"));
    inflight = new AbortController();
    const body = { text, client: client.value.trim() ? client.value : null,
                   first_contact: firstContact.checked, message_lang: lang };
    if (langSelect.value !== "auto") body.lang = langSelect.value;
    try {
      const answer = await fetch("v1/check", { method: "POST", headers, body: JSON.stringify(body),
                                               signal: inflight.signal });
      const data = await answer.json();
      if (mine !== sequence) return;  // a newer keystroke already asked again
      status.dataset.busy = String(due);  // typed on while this one was out: another check is due
      if (!answer.ok) { setStatus((answer.status === 401 ? t("token") : t("failed") + data.error), true); return; }
      const file = data.files[0];
      findings = file.findings.map((finding) => ({ ...finding, text, client: body.client || "" }));
      current = -1;
      stale = draft.value !== text;
      setStatus(findings.length ? t("count")(findings.length) : t("none"));
      render();
    } catch (error) {
      if (error.name !== "AbortError" && mine === sequence) {
        status.dataset.busy = "false";
        setStatus(t("unreachable"), true);
      }
    }
  }

  function setStatus(message, failed = false) {
    status.textContent = message;
    status.classList.toggle("failed", failed);
  }

  function render() { renderHighlights(); renderFindings(); }

  // Spans of `text` (code-point offsets) drawn as <mark>s behind the textarea, worst severity on top.
  function paint(target, text, spans) {
    const offsets = unitOffsets(text);
    const rank = { info: 1, warning: 2, error: 3, question: 4 };
    const cuts = new Set([0, text.length]);
    const ranges = spans.filter((s) => s.end > s.start).map((s) => ({
      start: toUnits(offsets, s.start), end: toUnits(offsets, s.end), kind: s.kind, current: s.current }));
    for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
    const points = [...cuts].sort((a, b) => a - b);
    target.textContent = "";
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const covering = ranges.filter((r) => r.start <= from && r.end >= to);
      const piece = document.createTextNode(text.slice(from, to));
      if (!covering.length) { target.appendChild(piece); continue; }
      const mark = document.createElement("mark");
      // The most specific finding draws the segment: a word inside a sentence-long finding keeps
      // its own mark; a long span is drawn lighter, so the words flagged in it stand out.
      const top = covering.reduce((a, b) => {
        const [la, lb] = [a.end - a.start, b.end - b.start];
        return lb < la || (lb === la && rank[b.kind] > rank[a.kind]) ? b : a;
      });
      mark.className = top.kind + (top.end - top.start > WIDE ? " wide" : "") +
        (covering.some((r) => r.current) ? " current" : "");
      mark.appendChild(piece);
      target.appendChild(mark);
    }
    target.appendChild(document.createTextNode("\n"));  // a trailing newline still takes a line
  }

  function renderHighlights() {
    paint($("draft-highlights"), draft.value, stale ? [] :
          findings.map((f, i) => ({ start: f.start, end: f.end, kind: f.severity, current: i === current })));
    paint($("client-highlights"), client.value, questionSpans());
    syncScroll();
  }

  // Where the unanswered questions are in the client's message: the finding's own `question`
  // span when the JSON has one, else its text looked up in the message.
  function questionSpans() {
    const text = client.value, spans = [];
    for (const f of findings) {
      if (f.rule !== "unanswered-question") continue;
      const q = f.question;
      if (q && typeof q === "object" && Number.isInteger(q.start) && Number.isInteger(q.end) && f.client === text) {
        spans.push({ start: q.start, end: q.end, kind: "question" });
        continue;
      }
      const wanted = typeof q === "string" ? q : (q && q.text) || quoted(f.message);
      const found = wanted && findLoosely(text, wanted);
      if (found) spans.push({ ...found, kind: "question" });
    }
    return spans;
  }
  function quoted(message) {
    const parts = [...message.matchAll(/«([^»]+)»/g)].map((m) => m[1]);
    return parts.sort((a, b) => b.length - a.length)[0];
  }
  function findLoosely(text, wanted) {
    const words = wanted.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    if (!words.length) return null;
    const match = new RegExp(words.join("\\s+"), "iu").exec(text);
    if (!match) return null;
    const before = Array.from(text.slice(0, match.index)).length;
    return { start: before, end: before + Array.from(match[0]).length };
  }

  function syncScroll() {
    for (const [area, layer] of [[draft, "draft-highlights"], [client, "client-highlights"]]) {
      $(layer).parentElement.scrollTop = area.scrollTop;
      $(layer).style.width = area.clientWidth + "px";
    }
  }

  // A finding's fix as edits in code points: the JSON reporter's form when it has one (Ruff-like
  // `applicability` + `edits`, each with offsets or 1-based row/column), or an older flat form.
  function safeEdits(f) {
    const fix = f.fix;
    if (!fix || typeof fix !== "object") return null;
    const safe = fix.applicability ? fix.applicability === "safe" : fix.safe === true;
    if (!safe) return null;
    const raw = Array.isArray(fix.edits) ? fix.edits : [fix];
    const edits = [];
    for (const edit of raw) {
      const start = Number.isInteger(edit.start) ? edit.start : fromRowColumn(f.text, edit.location);
      const end = Number.isInteger(edit.end) ? edit.end : fromRowColumn(f.text, edit.end_location);
      const content = edit.content ?? edit.replacement;
      if (start == null || end == null || typeof content !== "string") return null;
      edits.push({ start, end, content });
    }
    return edits.length ? edits : null;
  }
  function fromRowColumn(text, where) {
    if (!where) return null;
    const row = where.row ?? where.line, column = where.column;
    if (!Number.isInteger(row) || !Number.isInteger(column)) return null;
    const chars = Array.from(text);
    let line = 1, index = 0;
    while (line < row && index < chars.length) { if (chars[index] === "\n") line++; index++; }
    return index + column - 1;
  }

  function applyFix(f) {
    const edits = safeEdits(f);
    if (!edits || draft.value !== f.text) { check(); return; }
    const offsets = unitOffsets(draft.value);
    draft.focus();
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      draft.setSelectionRange(toUnits(offsets, edit.start), toUnits(offsets, edit.end));
      // insertText keeps the browser's undo (Ctrl+Z); setRangeText where it is not supported
      if (!document.execCommand("insertText", false, edit.content)) {
        draft.setRangeText(edit.content, draft.selectionStart, draft.selectionEnd, "end");
      }
    }
    check();
  }

  function select(index, focusDraft = true) {
    if (!findings.length) return;
    current = (index + findings.length) % findings.length;
    const f = findings[current];
    const offsets = unitOffsets(draft.value);
    if (focusDraft) {
      draft.focus();
      draft.setSelectionRange(toUnits(offsets, f.start), toUnits(offsets, Math.max(f.start, f.end)));
    }
    renderHighlights();
    for (const [i, item] of [...list.children].entries()) item.classList.toggle("selected", i === current);
    list.children[current]?.scrollIntoView({ block: "nearest" });
  }

  function renderFindings() {
    list.textContent = "";
    findings.forEach((f, index) => {
      const item = document.createElement("li");
      item.className = f.severity;
      item.dataset.rule = f.rule;
      const head = element("div", "finding-head");
      head.append(element("span", "severity", t("severity")[f.severity] || f.severity),
                  element("span", "rule", f.rule), element("span", "where", `${t("line")} ${f.line}:${f.column}`));
      item.append(head, element("p", "message", f.message));
      if (f.suggestion) item.append(element("p", "suggestion", "→ " + f.suggestion));
      if (f.rule === "unanswered-question" && questionSpans().length) item.append(element("p", "suggestion", t("unanswered")));
      const actions = element("div", "actions");
      const show = button(t("show"), () => select(index));
      actions.append(show);
      const edits = safeEdits(f);
      if (edits) {
        const label = edits.map((e) => `«${Array.from(f.text).slice(e.start, e.end).join("")}» → «${e.content}»`).join(", ");
        const fix = button(`${t("fix")}: ${label}`, () => applyFix(f));
        fix.classList.add("fix");
        actions.append(fix);
      }
      const rule = (explanations[lang] || {})[f.rule];
      if (rule) {
        const why = button(t("why"), () => {
          if (opened.has(f.rule)) opened.delete(f.rule); else opened.add(f.rule);
          renderFindings();
          list.querySelector(`li[data-rule="${f.rule}"] .why`)?.focus();
        });
        why.classList.add("why");
        why.setAttribute("aria-expanded", String(opened.has(f.rule)));
        actions.append(why);
      }
      item.append(actions);
      // An explanation the agent opened stays open while they type on (the list is redrawn).
      if (rule && opened.has(f.rule)) item.append(element("div", "explain", rule.explain));
      list.append(item);
    });
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(label, onClick) {
    const node = element("button", "", label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  // While typing, the old marks would sit on the wrong letters: the text alone until the answer.
  draft.addEventListener("input", () => { stale = true; renderHighlights(); schedule(); });
  client.addEventListener("input", () => { renderHighlights(); schedule(); });
  for (const area of [draft, client]) area.addEventListener("scroll", syncScroll);
  firstContact.addEventListener("change", check);
  langSelect.addEventListener("change", check);
  window.addEventListener("resize", syncScroll);
  document.addEventListener("keydown", (event) => {
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      select(current + (event.key === "ArrowDown" ? 1 : -1));
    } else if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      check();
    }
  });
  for (const choice of document.querySelectorAll("#languages button")) {
    choice.addEventListener("click", () => {
      lang = choice.dataset.lang;
      localStorage.setItem("replylint-lang", lang);
      applyLanguage();
      check();
    });
  }
  applyLanguage();
  setStatus(t("empty"));
  if (draft.value.trim()) check();
})();
