// The review view's browser side: draws the state the kernel sends, sends the reviewer's actions.
// Every rule and every write lives in Python (analysis/review/); nothing here decides anything.
// Text from sources is only ever set as textContent, never parsed as HTML.

const FIELD_KEYS = {
  i: "indicator", e: "value", q: "qualifier", p: "jurisdiction",
  t: "period", l: "level", s: "scope", r: "reason",
};
const LABELS = {
  indicator: "indicator", value: "value", qualifier: "qualifier", jurisdiction: "place",
  period: "period", level: "level", scope: "scope", area: "area", scope_note: "scope note",
};
const SELECTS = ["qualifier", "level", "scope"];
const SUGGESTED = ["indicator", "jurisdiction", "period"];
const HELP = [
  ["a / Enter", "accept (with the corrections typed, if any)"],
  ["x", "reject: type the reason, Enter"],
  ["e i q p t l s", "correct value, indicator, qualifier, place, period, level, scope"],
  ["r", "type the reason"],
  ["Enter (in a field)", "save: accept with corrections, or reject if x was pressed"],
  ["Esc", "leave a field (Esc again: undo the corrections)"],
  ["n / →", "next, leaving this one for later"],
  ["b / ←", "back"],
  ["o", "open the source"],
  ["R", "read the candidates and every decision again (after a new extract)"],
  ["?", "show or hide these keys"],
];

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

function render({ model, el }) {
  const root = h("div", {
    class: "vnr-root", tabindex: "0", "data-lm-suppress-shortcuts": "true",
    "aria-label": "review view",
  });
  el.append(root);
  let inputs = {};
  let rejecting = false;
  let showHelp = false;
  let shownId = null;

  const state = () => model.get("state") || {};
  const send = (msg) => model.send(msg);

  function corrections() {
    const card = state().card;
    const out = {};
    for (const [name, input] of Object.entries(inputs)) {
      if (name === "reason") continue;
      const original = card.reading[name] ?? "";
      if (input.value !== original) out[name] = input.value;
    }
    return out;
  }

  function decide(decision) {
    const card = state().card;
    if (!card) return;
    const reason = inputs.reason ? inputs.reason.value : "";
    if (decision === "rejected" && !reason.trim()) {
      rejecting = true;
      draw();
      focusField("reason");
      return;
    }
    send({
      type: "decide", record_id: card.record_id, decision,
      corrections: decision === "rejected" ? {} : corrections(), reason,
    });
  }

  function focusField(name) {
    const input = inputs[name];
    if (!input) return false;
    input.focus();
    if (input.select && input.tagName === "INPUT") input.select();
    return true;
  }

  function resetEdits() {
    const card = state().card;
    if (!card) return;
    for (const [name, input] of Object.entries(inputs)) {
      input.value = name === "reason" ? "" : (card.reading[name] ?? "");
      input.closest(".vnr-field")?.classList.remove("vnr-changed");
    }
    rejecting = false;
    draw();
  }

  function openSource() {
    const src = state().card?.source;
    const link = src && (src.raw_link || src.url);
    if (link) window.open(link, "_blank", "noopener,noreferrer");
  }

  function onKey(event) {
    // Our keys are ours: JupyterLab's notebook shortcuts (a, b, x, d d...) must not fire here.
    event.stopPropagation();
    const target = event.target;
    if (target.dataset?.filter !== undefined || target.tagName === "BUTTON") {
      // A filter menu or a button: its own keys, Esc back to the card.
      if (event.key === "Escape") { event.preventDefault(); root.focus(); }
      if (event.key === "Enter" || event.key === " " || target.tagName === "SELECT") return;
    }
    const inField = target !== root && target.dataset?.field !== undefined;
    if (inField) {
      if (event.key === "Enter") {
        event.preventDefault();
        decide(rejecting ? "rejected" : "reviewed");
      } else if (event.key === "Escape") {
        event.preventDefault();
        root.focus();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    let handled = true;
    if (key === "a" || key === "Enter") decide("reviewed");
    else if (key === "x") decide("rejected");
    else if (key === "n" || key === "ArrowRight") send({ type: "move", step: 1 });
    else if (key === "b" || key === "ArrowLeft") send({ type: "move", step: -1 });
    else if (key === "o") openSource();
    else if (key === "R") send({ type: "reload" });
    else if (key === "?") { showHelp = !showHelp; draw(); }
    else if (key === "Escape") resetEdits();
    else if (FIELD_KEYS[key]) handled = focusField(FIELD_KEYS[key]);
    else handled = false;
    if (handled) event.preventDefault();
  }
  root.addEventListener("keydown", onKey);

  function filterBar(s) {
    const f = s.filters || { selected: {}, options: {} };
    const select = (name, label) => {
      const el = h("select", {
        class: "vnr-filter", "data-filter": name, "aria-label": label,
        onchange: () => {
          const chosen = {};
          for (const x of root.querySelectorAll("[data-filter]")) chosen[x.dataset.filter] = x.value;
          send({ type: "filter", ...chosen });
        },
      }, h("option", { value: "", text: `every ${label}` }));
      for (const [value, text] of f.options[name] || []) {
        el.append(h("option", { value, text, selected: value === f.selected[name] }));
      }
      return el;
    };
    return h("div", { class: "vnr-filters" },
      select("source", "source"), select("indicator", "indicator"), select("province", "province"));
  }

  function progressLine(s) {
    const p = s.progress || {};
    const filtered = p.total !== p.all_total;
    return h("div", { class: "vnr-progress" },
      h("strong", { class: "vnr-left", text: `${p.left} of ${p.total} left` }),
      filtered ? h("span", { text: ` (all sources: ${p.all_left} of ${p.all_total})` }) : null,
      p.position ? h("span", { text: ` · showing ${p.position}` }) : null,
      h("span", { class: "vnr-file", text: ` · ${s.reviewer} → ${s.file}` }),
      p.decided_now ? h("span", { text: ` · ${p.decided_now} decided now` }) : null);
  }

  function sourceLine(card) {
    const src = card.source;
    const bits = [src.title || src.doc_id];
    if (src.outlet) bits.push(src.outlet);
    if (src.published) bits.push(src.published);
    const links = [];
    if (src.raw_link) {
      links.push(h("a", {
        class: "vnr-open", href: src.raw_link, target: "_blank", rel: "noopener noreferrer",
        text: `open ${src.raw_name || "the raw file"} (o)`,
      }));
    }
    if (src.url) {
      links.push(h("a", {
        class: "vnr-url", href: src.url, target: "_blank", rel: "noopener noreferrer",
        text: src.raw_link ? "the page's address" : "open the page (o)",
      }));
    }
    const ocr = src.ocr
      ? h("span", {
          class: src.ocr.low ? "vnr-ocr vnr-ocr-low" : "vnr-ocr",
          text: `read by OCR, confidence ${src.ocr.confidence} %`,
        })
      : null;
    return h("div", { class: "vnr-source" },
      h("span", { class: "vnr-title", text: bits.join(" · ") }),
      h("span", { class: "vnr-doc", text: ` [${src.doc_id}${src.obtained ? ", " + src.obtained : ""}]` }),
      ocr, ...links.map((a) => [" ", a]));
  }

  function contextBox(card) {
    const box = h("div", { class: "vnr-context", lang: "vi" });
    for (const seg of card.context) {
      const cls = seg.marks.map((m) => `vnr-${m}`).join(" ");
      box.append(seg.marks.includes("number")
        ? h("mark", { class: cls, text: seg.text })
        : h("span", { class: cls || null, text: seg.text }));
    }
    if (!card.source.text_stored) {
      box.append(h("div", { class: "vnr-note", text: "(the source's text is not stored: its own words, as quoted)" }));
    }
    return box;
  }

  function fieldInput(name, value, s) {
    const editable = (s.correctable || []).includes(name);
    const choices = s.choices || {};
    let input;
    if (SELECTS.includes(name)) {
      input = h("select", { "data-field": name, disabled: !editable });
      const options = choices[name] || [];
      if (!options.includes(value)) input.append(h("option", { value, text: value || "—" }));
      for (const o of options) {
        input.append(h("option", { value: o, text: o || "— (none)", selected: o === value }));
      }
    } else {
      input = h("input", {
        type: "text", "data-field": name, value, disabled: !editable, spellcheck: "false",
        list: SUGGESTED.includes(name) ? `vnr-list-${name}` : null,
      });
    }
    input.value = value;
    input.addEventListener("input", () => {
      const changed = input.value !== value;
      input.closest(".vnr-field")?.classList.toggle("vnr-changed", changed);
    });
    input.addEventListener("change", () => input.dispatchEvent(new Event("input")));
    return input;
  }

  function datalists(s) {
    const c = s.choices || {};
    const list = (name, items) => h("datalist", { id: `vnr-list-${name}` },
      items.map((x) => Array.isArray(x)
        ? h("option", { value: x[0], label: x[1] })
        : h("option", { value: x })));
    return [list("indicator", c.indicator || []), list("jurisdiction", c.jurisdiction || []),
            list("period", c.period || [])];
  }

  function readingTable(card, s) {
    inputs = {};
    const key = Object.fromEntries(Object.entries(FIELD_KEYS).map(([k, v]) => [v, k]));
    const rows = [];
    for (const name of s.fields) {
      const value = card.reading[name] ?? "";
      const input = fieldInput(name, value, s);
      inputs[name] = input;
      const extra = name === "indicator" && card.indicator_name
        ? h("span", { class: "vnr-name", lang: "vi", text: card.indicator_name + (card.unit ? ` (${card.unit})` : "") })
        : null;
      rows.push(h("label", { class: "vnr-field", "data-name": name },
        h("span", { class: "vnr-label", text: LABELS[name] || name }),
        h("span", { class: "vnr-key", text: key[name] ? key[name] : "" }),
        input, extra));
    }
    return h("div", { class: "vnr-reading" }, rows);
  }

  function whyList(card) {
    const entries = Object.entries(card.why || {});
    if (!entries.length) return null;
    return h("div", { class: "vnr-why" },
      h("span", { class: "vnr-label vnr-why-label", text: "why" }),
      entries.map(([k, v]) => h("span", { class: "vnr-why-item" },
        h("span", { class: "vnr-why-key", text: `${k}: ` }), h("span", { text: v }))));
  }

  function actions(card) {
    const reason = h("input", {
      type: "text", "data-field": "reason", class: "vnr-reason",
      placeholder: rejecting ? "why is it rejected? (Enter to reject, Esc to cancel)"
                             : "reason (needed for a rejection or a correction)",
    });
    if (inputs.reason) reason.value = inputs.reason.value;
    inputs.reason = reason;
    return h("div", { class: "vnr-actions" },
      h("label", { class: "vnr-field vnr-reason-field" },
        h("span", { class: "vnr-label", text: "reason" }), h("span", { class: "vnr-key", text: "r" }), reason),
      h("div", { class: "vnr-buttons" },
        h("button", { class: "vnr-accept", onclick: () => decide("reviewed"), text: "Accept (a)" }),
        h("button", { class: "vnr-reject", onclick: () => decide("rejected"), text: "Reject (x)" }),
        h("button", { onclick: () => send({ type: "move", step: -1 }), text: "← Back (b)" }),
        h("button", { onclick: () => send({ type: "move", step: 1 }), text: "Next (n) →" }),
        h("button", { onclick: () => { showHelp = !showHelp; draw(); }, text: "Keys (?)" })));
  }

  function draw() {
    const s = state();
    const keep = {};
    const sameCard = s.card && s.card.record_id === shownId;
    if (sameCard) for (const [k, v] of Object.entries(inputs)) keep[k] = v.value;
    const focused = document.activeElement?.dataset?.field;
    root.replaceChildren();
    root.append(progressLine(s), filterBar(s));
    const msg = s.message || {};
    if (msg.text) root.append(h("div", { class: `vnr-message vnr-${msg.kind || "ok"}`, text: msg.text }));
    if (!s.card) {
      inputs = {};
      shownId = null;
      root.append(h("div", { class: "vnr-done", text: "Nothing left to review here." }));
    } else {
      if (!sameCard) rejecting = false;
      const card = s.card;
      root.append(
        sourceLine(card), contextBox(card), readingTable(card, s), whyList(card),
        actions(card), ...datalists(s),
        h("div", { class: "vnr-where", text: `${card.record_id} · ${card.where}` }));
      if (sameCard) {
        for (const [k, v] of Object.entries(keep)) {
          if (inputs[k]) { inputs[k].value = v; inputs[k].dispatchEvent(new Event("input")); }
        }
      }
      shownId = card.record_id;
    }
    if (showHelp) {
      root.append(h("table", { class: "vnr-help" },
        HELP.map(([k, v]) => h("tr", {}, h("td", { class: "vnr-key", text: k }), h("td", { text: v })))));
    } else {
      root.append(h("div", { class: "vnr-hint", text: "a accept · x reject · e/i/q/p/t/l correct · n next · o open · ? keys" }));
    }
    if (msg.field && inputs[msg.field]) focusField(msg.field);
    else if (focused && inputs[focused] && sameCard) focusField(focused);
    else root.focus({ preventScroll: true });
  }

  model.on("change:state", draw);
  draw();
  // Running the cell moves JupyterLab's focus to the next cell a moment later: take it back once,
  // so the reviewer's first key reaches the view.
  setTimeout(() => { if (root.isConnected && !root.contains(document.activeElement)) root.focus(); }, 300);
  return () => model.off("change:state", draw);
}

export default { render };
