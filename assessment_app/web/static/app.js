/* Tandem answering page. Hand-written, no framework: it must load fast on an old phone over a
   room's Wi-Fi with no internet. Every text is set with textContent (never innerHTML), so
   nothing typed or written in a questionnaire can become markup.

   Saving: each choice is queued and sent one at a time (the latest choice per statement
   replaces an unsent earlier one). "Saved" is shown only after the server answers that the
   answer is committed; a failed send shows "Not saved yet, retrying" and is tried again, with
   the choice kept on screen, and after a few failures says what to check. Leaving the page
   sends what is still unsent with keepalive requests, which outlive the page.

   A comment typed before any level has nowhere to go in the store (an answer is a level or
   "Don't know"), so it stays on this page (and across a reload, in sessionStorage) and is saved
   with the first choice; the page says so beside the box.

   Lengths are counted in characters (code points), as the store counts them: an emoji is one
   character here and in the store, though two UTF-16 units for JavaScript's `length`. */
(function () {
  'use strict';

  var parts = location.pathname.split('/');
  var base = '/a/' + encodeURIComponent(parts[2] || '');
  var draftBase = 'tandem-drafts:' + base;
  var draftKey = draftBase;
  var $ = function (id) { return document.getElementById(id); };
  var ADVICE_AFTER = 3;  // failed sends in a row before the page says what to check
  // The page's language and its sentences, rendered into the page by the server
  // (web/page_text.py); every request says the language, so the server answers in it too.
  var lang = document.documentElement.lang || 'en';
  var T = {};
  try { T = JSON.parse(document.documentElement.getAttribute('data-texts') || '{}'); }
  catch (e) { /* the texts' ids then show, which a test notices */ }
  var ask = '?lang=' + encodeURIComponent(lang);

  var items = [];
  var byId = {};
  var answers = {};   // item id -> {current, target, comment} as on screen (maybe unsaved)
  var saved = {};     // item id -> what the server confirmed
  var drafts = {};    // item id -> a comment typed before any choice
  var pending = {};   // item id -> sequence number of the newest unsent change
  var pendingOrder = [];
  var inFlight = null;  // {item, seq}
  var failures = 0;
  var retryTimer = null;
  var seq = 0;
  var index = 0;
  var view = 'loading';
  var commentMax = 2000;
  var commentTimer = null;
  var refused = '';
  var note = '';        // what the last choice did that the person may not expect
  var clearedTarget = {};  // item id -> a target cleared by a higher today, while on the statement
  var finishing = false;
  var roundNo = 1;     // 2: the consensus round (only the chosen statements, re-rated)
  var said = {};       // item id -> what this person said in round 1 (round 2 only)
  var ballot = null;   // the dots on actions (round 2 only)

  // -- small helpers ---------------------------------------------------------------------------

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chars(text) { return Array.from(text).length; }

  function cut(text, max) {
    var all = Array.from(text);
    return all.length <= max ? text : all.slice(0, max).join('');
  }

  function show(name) {
    view = name;
    ['loading', 'intro', 'question', 'review', 'vote', 'thanks', 'gone'].forEach(function (id) {
      $(id).hidden = id !== name;
    });
    $('nav').hidden = !(name === 'question' || name === 'review');
    $('progress-wrap').hidden = !(name === 'question' || name === 'review' || name === 'thanks');
    if (name !== 'question') $('welcome').hidden = true;
    if (name !== 'review') $('review-welcome').hidden = true;
    fitFooter();
  }

  function isComplete(a) { return !!a && (a.current === null || a.target !== null); }

  function doneCount() {
    var n = 0;
    items.forEach(function (it) { if (isComplete(answers[it.id])) n++; });
    return n;
  }

  function fmt(n) { return n.toLocaleString(lang); }

  function hasPending() { return pendingOrder.length > 0 || inFlight !== null; }

  // A sentence of the page's texts with its {named} placeholders filled.
  function t(key, values) { return fill(typeof T[key] === 'string' ? T[key] : key, values); }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (slot, name) {
      return values && values[name] !== undefined ? String(values[name]) : slot;
    });
  }

  // A counted sentence: its form for ``count`` (one or many, web/page_text.COUNTED), filled.
  function tn(key, count, values) {
    var forms = T[key] || [key, key];
    var all = {count: fmt(count)};
    Object.keys(values || {}).forEach(function (k) { all[k] = values[k]; });
    return fill(forms[count === 1 ? 0 : 1], all);
  }

  // -- loading -----------------------------------------------------------------------------------

  function load(first) {
    fetch(base + '/state' + ask, {credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 404) { gone(); return null; }
        if (!r.ok) throw new Error('status ' + r.status);
        return r.json();
      })
      .then(function (data) { if (data) loaded(data, first); })
      .catch(function () {
        if (first) {
          $('loading').textContent = t('cannot-reach');
          setTimeout(function () { load(true); }, 2000);
        }
      });
  }

  function loaded(data, first) {
    if (!first) flushComment();
    var number = data.round ? data.round.number : 1;
    if (number !== roundNo) {  // the same link, now in another round: start afresh
      answers = {}; saved = {}; drafts = {}; pending = {}; pendingOrder = [];
      roundNo = number;
      draftKey = draftBase + (roundNo === 2 ? ':round2' : '');
      first = true;
    }
    said = data.round ? data.round.said : {};
    ballot = data.round ? data.round.ballot : null;
    items = data.items;
    byId = {};
    items.forEach(function (it, n) { byId[it.id] = n; });
    commentMax = data.comment_max;
    saved = {};
    Object.keys(data.answers).forEach(function (id) {
      var a = data.answers[id];
      saved[id] = copy(a);
      if (!pending[id] && !(inFlight && inFlight.item === id)) answers[id] = copy(saved[id]);
    });
    $('who').textContent = t(data.workshop ? 'answering-as' : 'answering-as-alone',
      {name: data.participant.name, role: data.participant.role, workshop: data.workshop});
    if (first) {
      readDrafts();
      start();
    } else if (view === 'question') {
      showItem(index, true);
    } else if (view === 'review') {
      showReview(true);
    }
  }

  // The first screen: the introduction for someone who has not begun; otherwise straight to
  // the first statement still to answer (or the review), with a word on where they are.
  function start() {
    var done = doneCount();
    var began = Object.keys(answers).length > 0 || Object.keys(drafts).length > 0;
    if (roundNo === 2 && !began) {
      go({view: 'question', index: 0}, true);
      var round = $('welcome');
      round.textContent = tn('round-welcome', items.length);
      round.hidden = false;
      return;
    }
    if (!began) {
      var minutes = Math.ceil(items.length / 3);  // about 20 seconds a statement
      if (minutes >= 10) minutes = Math.round(minutes / 5) * 5;
      $('intro-time').textContent = tn('duration', minutes, {total: fmt(items.length)});
      go({view: 'intro'}, true);
      return;
    }
    var first = firstUnfinished();
    if (first < 0) {
      go({view: 'review'}, true);
      var w = $('review-welcome');
      w.textContent = tn('all-answered-back', items.length);
      w.hidden = false;
    } else {
      go({view: 'question', index: first}, true);
      var welcome = $('welcome');
      welcome.textContent = t('welcome-back', {done: fmt(done), total: fmt(items.length)});
      welcome.hidden = false;
    }
  }

  function copy(a) {
    return {current: a.current, target: a.target, comment: a.comment || '',
            answered_at: a.answered_at || null};
  }

  function firstUnfinished() {
    for (var n = 0; n < items.length; n++) if (!isComplete(answers[items[n].id])) return n;
    return -1;
  }

  function gone() {
    clearTimeout(retryTimer);
    pending = {}; pendingOrder = []; inFlight = null;
    show('gone');
    $('who').textContent = t('title');
    $('gone-title').focus();
  }

  // -- where the person is: one history entry per screen, so the browser's Back goes back -----

  function go(state, replace) {
    render(state);
    try {
      if (replace) history.replaceState(state, ''); else history.pushState(state, '');
    } catch (e) { /* history is a convenience */ }
  }

  function render(state) {
    refused = '';
    note = '';
    // "Welcome back: you have answered 1 of 45" is true only where it was said (start() shows
    // it again after its own go()); a moment later it would contradict the progress line
    $('welcome').hidden = true;
    $('review-welcome').hidden = true;
    if (state.view === 'intro') { show('intro'); $('intro-title').focus(); }
    else if (state.view === 'question') showItem(state.index || 0);
    else if (state.view === 'review') showReview();
    else if (state.view === 'vote') showVote();
    else if (state.view === 'thanks') thanks();
  }

  window.addEventListener('popstate', function (e) {
    if (!items.length || view === 'gone' || !e.state || !e.state.view) return;
    flushComment();
    finishing = false;
    render(e.state);
  });

  // -- one statement -----------------------------------------------------------------------------

  function showItem(n, keepFocus) {
    if (!keepFocus) clearedTarget = {};
    index = Math.max(0, Math.min(n, items.length - 1));
    var it = items[index];
    show('question');
    $('theme').textContent = it.dimension + ' \u00b7 ' + it.theme;
    renderStatement(it);
    $('said').hidden = roundNo !== 2;
    $('said').textContent = roundNo === 2 ? (said[it.id] || '') : '';
    renderChoices(it);
    var a = answers[it.id];
    var comment = a ? a.comment : (drafts[it.id] || '');
    if (!keepFocus || document.activeElement !== $('comment')) {
      $('comment').value = comment;
      lastComment = comment;
    }
    updateCounter();
    $('back').disabled = index === 0;
    $('next').textContent = t(index === items.length - 1 ? 'review' : 'next');
    updateProgress();
    updateStatus();
    if (!keepFocus) {
      window.scrollTo(0, 0);
      $('statement').focus({preventScroll: true});
    }
  }

  function renderStatement(it) {
    var h = $('statement');
    h.textContent = '';
    it.statement.forEach(function (seg) {
      if (seg.term) h.appendChild(termButton(it, seg.term, seg.text));
      else h.appendChild(document.createTextNode(seg.text));
    });
    var extra = $('extra-terms');
    extra.textContent = '';
    extra.hidden = it.extra_terms.length === 0;
    if (it.extra_terms.length) {
      extra.appendChild(document.createTextNode(t('terms') + ' '));
      it.extra_terms.forEach(function (id) {
        if (it.terms[id]) extra.appendChild(termButton(it, id, it.terms[id].term));
      });
    }
    $('term-help').hidden = true;
  }

  function termButton(it, id, text) {
    var b = el('button', 'term', text);
    b.type = 'button';
    b.setAttribute('aria-expanded', 'false');
    b.setAttribute('aria-controls', 'term-help');
    b.title = t('term-title');
    b.addEventListener('click', function () { toggleTerm(it, id, b); });
    return b;
  }

  function toggleTerm(it, id, button) {
    var box = $('term-help');
    var open = button.getAttribute('aria-expanded') === 'true';
    Array.prototype.forEach.call(document.querySelectorAll('.term'), function (b) {
      b.setAttribute('aria-expanded', 'false');
    });
    if (open) { box.hidden = true; return; }
    var term = it.terms[id];
    box.textContent = '';
    box.appendChild(el('p', '', '')).appendChild(el('strong', '', term.term));
    var m = box.appendChild(el('p'));
    m.appendChild(el('strong', '', t('in-marketing') + ' '));
    m.appendChild(document.createTextNode(term.marketing));
    var i = box.appendChild(el('p'));
    i.appendChild(el('strong', '', t('in-it') + ' '));
    i.appendChild(document.createTextNode(term.it));
    if (term.note) box.appendChild(el('p', '', term.note));
    box.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }

  function option(group, value, num, name, text, extraClass) {
    var label = el('label', 'option' + (extraClass ? ' ' + extraClass : ''));
    var input = el('input');
    input.type = 'radio';
    input.name = group;
    input.value = value;
    label.appendChild(input);
    if (num) label.appendChild(el('span', 'num', num));
    var body = el('span', 'text');
    body.dir = 'auto';
    if (name) body.appendChild(el('span', 'name', name));
    body.appendChild(document.createTextNode(text));
    label.appendChild(body);
    input.addEventListener('change', function () { choose(group, value); });
    return label;
  }

  // The radio buttons are built once per statement and then only updated in place: a reply
  // arriving while a finger is on another option must not replace that option under it.
  function renderChoices(it) {
    var today = $('today-options');
    today.textContent = '';
    it.levels.forEach(function (lv) {
      today.appendChild(option('today', String(lv.level), String(lv.level), lv.name, lv.text));
    });
    today.appendChild(option('today', 'dk', '', '', t('dont-know'), 'dontknow'));
    var target = $('target-options');
    target.textContent = '';
    it.levels.forEach(function (lv) {
      target.appendChild(option('target', String(lv.level), String(lv.level), lv.name, lv.text));
    });
    syncChoices(it);
  }

  function syncChoices(it) {
    var a = answers[it.id];
    var current = a ? a.current : undefined;
    var noToday = !a;
    var dontKnow = !!a && a.current === null;
    Array.prototype.forEach.call(document.querySelectorAll('#question input[type=radio]'),
      function (input) {
        var level = input.value === 'dk' ? null : parseInt(input.value, 10);
        var checked, disabled = false;
        if (input.name === 'today') {
          checked = !!a && a.current === level;
        } else {
          checked = !!a && a.target === level;
          disabled = noToday || dontKnow || (typeof current === 'number' && level < current);
        }
        input.checked = checked;
        input.disabled = disabled;
        var label = input.parentNode;
        label.classList.toggle('chosen', checked);
        label.classList.toggle('disabled', disabled);
      });
    $('target-hint').textContent = noToday ? t('today-first')
      : dontKnow ? t('no-target')
      : current > 1 ? t('below-today', {level: current}) : '';
  }

  function choose(group, value) {
    var it = items[index];
    var old = answers[it.id];
    var comment = cut($('comment').value, commentMax);  // what the box holds now
    var next;
    note = '';
    if (group === 'today') {
      if (value === 'dk') {
        next = {current: null, target: null, comment: comment};
      } else {
        var level = parseInt(value, 10);
        var target = old && old.current !== null ? old.target : null;
        var kept = clearedTarget[it.id];
        if (target === null && kept !== undefined && kept >= level) {
          target = kept;  // arrowing through today and back: the target comes back
          delete clearedTarget[it.id];
        }
        if (target !== null && target < level) {  // as the kiosk: cleared, not kept wrong
          clearedTarget[it.id] = target;
          note = t('target-cleared', {level: target});
          target = null;
        }
        next = {current: level, target: target, comment: comment};
      }
    } else {
      if (!old || old.current === null) return;
      var chosen = parseInt(value, 10);
      if (chosen < old.current) return;
      delete clearedTarget[it.id];
      next = {current: old.current, target: chosen, comment: comment};
    }
    delete drafts[it.id];
    writeDrafts();
    answers[it.id] = next;
    refused = '';
    syncChoices(it);
    updateCounter();
    updateProgress();
    queue(it.id);
  }

  // -- the comment ---------------------------------------------------------------------------------

  function updateCounter(trimmed) {
    var n = chars($('comment').value);
    var c = $('comment-count');
    c.textContent = t('characters', {n: fmt(n), max: fmt(commentMax)});
    c.classList.toggle('over', n >= commentMax);
    var it = items[index];
    var text = '';
    if (trimmed) {
      text = tn('trimmed', trimmed, {max: fmt(commentMax)});
    } else if (it && !answers[it.id] && $('comment').value.trim()) {
      text = t('comment-kept');
    }
    $('comment-note').textContent = text;
  }

  // What was typed or pasted beyond the limit is left out, wherever the caret was; the text
  // already in the box stays whole.
  function fitted(before, now, max) {
    var a = Array.from(before), b = Array.from(now);
    if (b.length <= max) return null;
    var p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    var q = 0;
    while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    var room = Math.max(0, max - p - q);
    var head = b.slice(0, p).concat(b.slice(p, b.length - q).slice(0, room)).join('');
    var text = cut(head + b.slice(b.length - q).join(''), max);
    return {text: text, caret: head.length, left: b.length - chars(text)};
  }

  var lastComment = '';

  function commentChanged(e) {
    var box = $('comment');
    var trimmed = 0;
    if (!(e && e.isComposing)) {
      var fit = fitted(lastComment, box.value, commentMax);
      if (fit) {  // maxlength counts UTF-16 units, so the limit is kept here
        trimmed = fit.left;
        box.value = fit.text;
        box.setSelectionRange(fit.caret, fit.caret);
      }
      lastComment = box.value;
    }
    updateCounter(trimmed);
    var it = items[index];
    if (!it) return;
    var a = answers[it.id];
    if (!a) {
      if (box.value.trim()) drafts[it.id] = box.value; else delete drafts[it.id];
      writeDrafts();
      updateStatus();
      return;
    }
    clearTimeout(commentTimer);
    commentTimer = setTimeout(flushComment, 900);
  }

  function flushComment() {
    clearTimeout(commentTimer);
    commentTimer = null;
    if (view !== 'question' || !items.length) return;
    var it = items[index];
    var a = answers[it.id];
    var text = cut($('comment').value, commentMax);
    if (!a) return;
    if (a.comment.trim() === text.trim()) return;
    a.comment = text;
    queue(it.id);
  }

  function commentUnsent() {
    if (view !== 'question' || !items.length) return false;
    var it = items[index];
    var a = answers[it.id];
    var text = $('comment').value.trim();
    return a ? a.comment.trim() !== text : text !== '';
  }

  function readDrafts() {
    try {
      var kept = JSON.parse(sessionStorage.getItem(draftKey) || '{}');
      Object.keys(kept).forEach(function (id) {
        if (byId[id] !== undefined && !answers[id] && typeof kept[id] === 'string') {
          drafts[id] = cut(kept[id], commentMax);
        }
      });
    } catch (e) { /* storage may be off: the drafts then live as long as the page */ }
  }

  function writeDrafts() {
    try {
      if (Object.keys(drafts).length) sessionStorage.setItem(draftKey, JSON.stringify(drafts));
      else sessionStorage.removeItem(draftKey);
    } catch (e) { /* see readDrafts */ }
  }

  // -- saving ----------------------------------------------------------------------------------------

  function queue(id) {
    seq += 1;
    if (!pending[id]) pendingOrder.push(id);
    pending[id] = seq;
    updateStatus();
    pump();
  }

  // "seen": the answer this page last had from the server, so a change made meanwhile on
  // another device with the same link is refused (409) instead of silently overwritten.
  function body(id) {
    var a = answers[id];
    var data = {item: id, current: a.current, target: a.target, comment: a.comment,
                seen: saved[id] ? saved[id].answered_at : null};
    if (roundNo === 2) data.round = 2;
    return JSON.stringify(data);
  }

  function pump() {
    if (inFlight || retryTimer || !pendingOrder.length) return;
    var id = pendingOrder.shift();
    var mySeq = pending[id];
    delete pending[id];
    inFlight = {item: id, seq: mySeq, sent: copy(answers[id])};
    var sent = inFlight.sent;
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, 8000);
    fetch(base + '/answer' + ask, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', keepalive: true,
      headers: {'Content-Type': 'application/json'},
      body: body(id),
      signal: controller ? controller.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      if (r.status === 404) { gone(); return; }
      return r.json().catch(function () { return {}; }).then(function (reply) {
        if (r.ok && reply.saved) { acknowledged(id, reply); return; }
        if (r.status === 409) { changedElsewhere(id, reply.answer || null, sent); return; }
        if (r.status === 400 || r.status === 403 || r.status === 413) {
          refusedBy(id, reply.error || t('not-accepted'));
          return;
        }
        throw new Error('status ' + r.status);  // 429, 5xx: try again
      });
    }).catch(function () {
      clearTimeout(timer);
      failed(id, mySeq);
    });
  }

  // The page is going away (closed, reloaded, another app in front): whatever is still unsent
  // goes now, with keepalive, which the browser completes after the page is gone.
  function sendNow() {
    flushComment();
    pendingOrder.slice().forEach(function (id) {
      if (inFlight && inFlight.item === id) return;  // it follows the one on its way
      try {
        fetch(base + '/answer' + ask, {
          method: 'POST', credentials: 'same-origin', cache: 'no-store', keepalive: true,
          headers: {'Content-Type': 'application/json'}, body: body(id)
        }).catch(function () {});
      } catch (e) { /* nothing more can be done while leaving */ }
    });
  }

  function acknowledged(id, reply) {
    inFlight = null;
    failures = 0;
    saved[id] = copy(reply.answer);
    if (!pending[id]) answers[id] = copy(reply.answer);
    after(id);
  }

  function changedElsewhere(id, theirs, sent) {
    if (theirs && theirs.current === sent.current && theirs.target === sent.target &&
        theirs.comment === sent.comment.trim()) {  // our own earlier try did arrive
      acknowledged(id, {answer: theirs});
      return;
    }
    inFlight = null;
    failures = 0;
    if (pending[id]) {  // the newer answer wins over what this page had not sent yet
      delete pending[id];
      pendingOrder = pendingOrder.filter(function (other) { return other !== id; });
    }
    if (theirs) { saved[id] = copy(theirs); answers[id] = copy(theirs); }
    else { delete saved[id]; delete answers[id]; }
    refused = t('changed-elsewhere');
    var it = items[index];
    if (view === 'question' && it && it.id === id) {
      $('comment').value = theirs ? theirs.comment : '';
      lastComment = $('comment').value;
    }
    after(id);
  }

  function refusedBy(id, sentence) {
    inFlight = null;
    failures = 0;
    refused = sentence;
    if (!pending[id]) {  // back to what is stored
      if (saved[id]) answers[id] = copy(saved[id]); else delete answers[id];
    }
    after(id);
    if (!hasPending()) load(false);  // the round may have moved on: the page follows it
  }

  function failed(id, mySeq) {
    inFlight = null;
    if (view === 'gone') return;
    failures += 1;
    if (!pending[id]) {  // keep the choice: it goes again, unless a newer one replaced it
      pending[id] = mySeq;
      pendingOrder.unshift(id);
    }
    updateStatus();
    var wait = Math.min(4000, 400 * Math.pow(2, Math.min(failures - 1, 4)));
    retryTimer = setTimeout(function () { retryTimer = null; pump(); }, wait);
  }

  function after(id) {
    var it = items[index];
    if (view === 'question' && it && it.id === id) {
      syncChoices(it);
      updateCounter();
    }
    updateProgress();
    updateStatus();
    if (view === 'review') showReview(true);
    pump();
  }

  function retrying() {
    if (failures < ADVICE_AFTER) return t('retrying');
    if (navigator.onLine === false) return t('offline');
    return t('check-wifi');
  }

  function updateStatus() {
    var s = $('status');
    var it = items[index];
    var text = '';
    var cls = 'status';
    if (failures > 0 && hasPending()) {
      text = retrying(); cls += ' retrying';
    } else if (refused) {
      text = refused; cls += ' refused';
    } else if (note && view === 'question') {
      text = note; cls += ' refused';
    } else if (view === 'question' && it) {
      var id = it.id;
      var busy = pending[id] || (inFlight && inFlight.item === id);
      if (busy) text = t('saving');
      else if (saved[id] && answers[id]) text = t('saved');
      if (!busy && saved[id]) cls += ' saved';
    } else if (view === 'review' && hasPending()) {
      text = t('saving');
    }
    s.className = cls;
    if (s.textContent !== text) s.textContent = text;
    if (view === 'review') updateFinish();
    fitFooter();
  }

  function updateProgress() {
    var done = doneCount();
    var total = items.length;
    $('progress').textContent = view === 'question'
      ? t('position', {n: fmt(index + 1), total: fmt(total), done: fmt(done)})
      : t('answered', {done: fmt(done), total: fmt(total)});
    $('progress-fill').style.width = (total ? Math.round(100 * done / total) : 0) + '%';
  }

  // -- review and finish ------------------------------------------------------------------------------

  function showReview(keepFocus) {
    show('review');
    var list = $('unanswered');
    list.textContent = '';
    var missing = [];
    items.forEach(function (it, n) { if (!isComplete(answers[it.id])) missing.push(n); });
    $('review-summary').textContent = missing.length === 0
      ? tn('all-done', items.length)
      : tn('missing', missing.length, {total: fmt(items.length)});
    var shown = missing.length ? missing : items.map(function (it, n) { return n; });
    shown.forEach(function (n) {
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      b.appendChild(el('span', 'n', String(n + 1)));
      var text = el('span', '', plain(items[n]));
      text.dir = 'auto';
      b.appendChild(text);
      var id = items[n].id;
      var a = answers[id];
      if (missing.length && a) b.appendChild(el('span', 'missing', t('target-missing')));
      if (missing.length && !a && drafts[id]) {
        b.appendChild(el('span', 'missing', t('draft-unsaved')));
      }
      if (!missing.length) b.appendChild(el('span', 'summary', summary(a)));
      b.addEventListener('click', function (e) {
        if (e.detail > 1) return;
        go({view: 'question', index: n});
      });
      li.appendChild(b);
      list.appendChild(li);
    });
    $('back').disabled = items.length === 0;
    $('next').textContent = t('finish');
    updateProgress();
    updateStatus();
    updateFinish();
    if (!keepFocus) { window.scrollTo(0, 0); $('review-title').focus({preventScroll: true}); }
  }

  function summary(a) {
    if (a.current === null) return t('dont-know');
    return t('summary', {current: a.current, target: a.target});
  }

  function plain(it) { return it.statement.map(function (s) { return s.text; }).join(''); }

  function updateFinish() {
    var box = $('finish-note');
    if (finishing && hasPending()) {
      box.hidden = false;
      box.textContent = failures > 0
        ? t('keep-open')
        : t('saving-last');
    } else {
      box.hidden = true;
    }
    if (finishing && !hasPending()) {
      finishing = false;
      go({view: ballot && ballot.options.length ? 'vote' : 'thanks'});
    }
  }

  function finish() {
    flushComment();
    finishing = true;
    updateFinish();
  }

  function thanks() {
    var missing = items.length - doneCount();
    $('thanks-text').textContent = missing === 0
      ? t('thanks-all')
      : tn('thanks-missing', missing);
    show('thanks');
    updateProgress();
    $('thanks-title').focus();
  }

  // -- dots on actions (the consensus round) ---------------------------------------------------------

  function showVote(keepFocus) {
    show('vote');
    var list = $('ballot');
    list.textContent = '';
    $('dots-left').textContent = ballot.says;
    ballot.options.forEach(function (option) {
      var mine = ballot.mine[option.id] || 0;
      var li = el('li');
      var title = el('span', 'title', option.title);
      title.dir = 'auto';
      var less = el('button', 'secondary', '\u2212');
      less.type = 'button';
      less.setAttribute('aria-label', t('dot-less', {title: option.title}));
      less.disabled = mine === 0;
      less.addEventListener('click', function () { vote(option.id, mine - 1); });
      var more = el('button', 'secondary', '+');
      more.type = 'button';
      more.setAttribute('aria-label', t('dot-more', {title: option.title}));
      more.disabled = ballot.left === 0;
      more.addEventListener('click', function () { vote(option.id, mine + 1); });
      var dots = el('span', 'dots', mine ? '\u25cf'.repeat(mine) : '\u2013');
      dots.setAttribute('aria-label', tn('dots-on', mine, {title: option.title}));
      li.appendChild(title); li.appendChild(less); li.appendChild(dots); li.appendChild(more);
      list.appendChild(li);
    });
    if (!keepFocus) { window.scrollTo(0, 0); $('vote-title').focus({preventScroll: true}); }
  }

  function vote(action, count) {
    fetch(base + '/vote' + ask, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({action: action, count: count})
    }).then(function (r) {
      if (r.status === 404) { gone(); return; }
      return r.json().catch(function () { return {}; }).then(function (reply) {
        var note = $('vote-note');
        if (r.ok && reply.ballot) {
          ballot = reply.ballot;
          note.hidden = true;
          showVote(true);
          return;
        }
        note.textContent = reply.error || t('dots-not-placed');
        note.hidden = false;
      });
    }).catch(function () {
      var note = $('vote-note');
      note.textContent = t('dots-offline');
      note.hidden = false;
    });
  }

  // -- the fixed footer: only while it leaves most of the screen, and never over the focus ----------

  function fitFooter() {
    var nav = $('nav');
    var root = document.documentElement;
    if (nav.hidden) { root.classList.remove('pinned'); return; }
    // measured in the flow, as it would be pinned: pinned only when it takes a fifth at most
    var pinned = nav.offsetHeight <= window.innerHeight * 0.2;
    root.classList.toggle('pinned', pinned);
    root.style.setProperty('--footer-h', nav.offsetHeight + 'px');
  }

  function keepFocusVisible() {
    var nav = $('nav');
    var target = document.activeElement;
    if (!target || nav.hidden || nav.contains(target) ||
        !document.documentElement.classList.contains('pinned')) return;
    var box = target.getBoundingClientRect();
    var limit = nav.getBoundingClientRect().top - 8;
    if (box.bottom > limit) window.scrollBy(0, box.bottom - limit);
  }

  // -- wiring ---------------------------------------------------------------------------------------

  function onNext(e) {
    if (e && e.detail > 1) return;  // the second tap of a double tap is not a second Next
    if (view === 'review') { finish(); return; }
    flushComment();
    if (index >= items.length - 1) go({view: 'review'}); else go({view: 'question', index: index + 1});
  }

  function onBack(e) {
    if (e && e.detail > 1) return;
    if (view === 'review') { go({view: 'question', index: items.length - 1}); return; }
    flushComment();
    if (index > 0) go({view: 'question', index: index - 1});
  }

  // The language chooser: remembered for this link on this phone (a cookie for its path
  // only), and the page opens again in the chosen language; answers keep it from then on.
  function chooser() {
    var select = $('language');
    var names = T.languages || {};
    Object.keys(names).forEach(function (code) {
      var o = el('option', '', names[code]);
      o.value = code;
      o.lang = code;
      o.selected = code === lang;
      select.appendChild(o);
    });
    select.hidden = Object.keys(names).length < 2;
    select.addEventListener('change', function () {
      var code = select.value;
      document.cookie = 'tandem-language=' + encodeURIComponent(code) + '; path=' + base +
        '; max-age=31536000; samesite=strict';
      location.replace(base + '?lang=' + encodeURIComponent(code));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    chooser();
    $('next').addEventListener('click', onNext);
    $('back').addEventListener('click', onBack);
    $('start').addEventListener('click', function (e) {
      if (e.detail > 1) return;
      go({view: 'question', index: 0});
    });
    $('reopen').addEventListener('click', function () { go({view: 'review'}); });
    $('vote-done').addEventListener('click', function () { go({view: 'thanks'}); });
    $('comment').addEventListener('input', commentChanged);
    $('comment').addEventListener('compositionend', commentChanged);
    $('comment').addEventListener('blur', flushComment);
    document.addEventListener('focusin', function () {
      keepFocusVisible();
      requestAnimationFrame(keepFocusVisible);
    });
    window.addEventListener('resize', fitFooter);
    if (window.ResizeObserver) new ResizeObserver(fitFooter).observe($('nav'));
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { flushComment(); return; }  // keepalive
      // back on this page: take what was answered meanwhile (on the kiosk, say)
      if (!hasPending() && items.length && view !== 'gone') load(false);
    });
    window.addEventListener('pagehide', sendNow);
    window.addEventListener('beforeunload', function (e) {
      if (hasPending() || commentUnsent()) { e.preventDefault(); e.returnValue = ''; }
    });
    load(true);
  });
})();
