/* Tandem answering page. Hand-written, no framework: it must load fast on an old phone over a
   room's Wi-Fi with no internet. Every text is set with textContent (never innerHTML), so
   nothing typed or written in a questionnaire can become markup.

   Saving: each choice is queued and sent one at a time (the latest choice per statement
   replaces an unsent earlier one). "Saved" is shown only after the server answers that the
   answer is committed; a failed send shows "Not saved yet, retrying" and is tried again, with
   the choice kept on screen. */
(function () {
  'use strict';

  var parts = location.pathname.split('/');
  var base = '/a/' + encodeURIComponent(parts[2] || '');
  var $ = function (id) { return document.getElementById(id); };

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
  var finishing = false;

  // -- small helpers ---------------------------------------------------------------------------

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(name) {
    view = name;
    ['loading', 'question', 'review', 'thanks', 'gone'].forEach(function (id) {
      $(id).hidden = id !== name;
    });
    $('nav').hidden = !(name === 'question' || name === 'review');
    $('progress-wrap').hidden = name === 'loading' || name === 'gone';
  }

  function isComplete(a) { return !!a && (a.current === null || a.target !== null); }

  function doneCount() {
    var n = 0;
    items.forEach(function (it) { if (isComplete(answers[it.id])) n++; });
    return n;
  }

  function fmt(n) { return n.toLocaleString('en'); }

  function hasPending() { return pendingOrder.length > 0 || inFlight !== null; }

  // -- loading -----------------------------------------------------------------------------------

  function load(first) {
    fetch(base + '/state', {cache: 'no-store', credentials: 'same-origin'})
      .then(function (r) {
        if (r.status === 404) { gone(); return null; }
        if (!r.ok) throw new Error('status ' + r.status);
        return r.json();
      })
      .then(function (data) { if (data) loaded(data, first); })
      .catch(function () {
        if (first) {
          $('loading').textContent = 'Cannot reach the facilitator\u2019s laptop yet; trying again\u2026';
          setTimeout(function () { load(true); }, 2000);
        }
      });
  }

  function loaded(data, first) {
    if (!first) flushComment();
    items = data.items;
    byId = {};
    items.forEach(function (it, n) { byId[it.id] = n; });
    commentMax = data.comment_max;
    saved = {};
    Object.keys(data.answers).forEach(function (id) {
      var a = data.answers[id];
      saved[id] = {current: a.current, target: a.target, comment: a.comment};
      if (!pending[id] && !(inFlight && inFlight.item === id)) answers[id] = copy(saved[id]);
    });
    $('who').textContent = 'Answering as ' + data.participant.name + ' (' +
      data.participant.role + ')' + (data.workshop ? ' \u00b7 ' + data.workshop : '');
    $('comment').maxLength = commentMax;
    if (first) {
      index = firstUnfinished();
      if (index < 0) { showReview(); } else { showItem(index); }
    } else if (view === 'question') {
      showItem(index, true);
    } else if (view === 'review') {
      showReview(true);
    }
  }

  function copy(a) { return {current: a.current, target: a.target, comment: a.comment || ''}; }

  function firstUnfinished() {
    for (var n = 0; n < items.length; n++) if (!isComplete(answers[items[n].id])) return n;
    return -1;
  }

  function gone() {
    clearTimeout(retryTimer);
    pending = {}; pendingOrder = []; inFlight = null;
    show('gone');
    $('gone-title').focus();
  }

  // -- one statement -----------------------------------------------------------------------------

  function showItem(n, keepFocus) {
    index = Math.max(0, Math.min(n, items.length - 1));
    var it = items[index];
    show('question');
    $('theme').textContent = it.dimension + ' \u00b7 ' + it.theme;
    renderStatement(it);
    renderChoices(it);
    var a = answers[it.id];
    var comment = a ? a.comment : (drafts[it.id] || '');
    if (!keepFocus || document.activeElement !== $('comment')) $('comment').value = comment;
    updateCounter();
    $('back').disabled = index === 0;
    $('next').textContent = index === items.length - 1 ? 'Review' : 'Next';
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
      extra.appendChild(document.createTextNode('Terms: '));
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
    b.title = 'What this means';
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
    var t = it.terms[id];
    box.textContent = '';
    box.appendChild(el('p', '', '')).appendChild(el('strong', '', t.term));
    var m = box.appendChild(el('p'));
    m.appendChild(el('strong', '', 'In marketing: '));
    m.appendChild(document.createTextNode(t.marketing));
    var i = box.appendChild(el('p'));
    i.appendChild(el('strong', '', 'In IT: '));
    i.appendChild(document.createTextNode(t.it));
    if (t.note) box.appendChild(el('p', '', t.note));
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
    today.appendChild(option('today', 'dk', '', '', 'Don\u2019t know', 'dontknow'));
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
    $('target-hint').textContent = noToday ? 'Choose today\u2019s level first.'
      : dontKnow ? 'No target with \u201cDon\u2019t know\u201d.'
      : current > 1 ? 'Levels below today (' + current + ') cannot be chosen.' : '';
  }

  function choose(group, value) {
    var it = items[index];
    var old = answers[it.id];
    var comment = $('comment').value.slice(0, commentMax);  // what the box holds now
    var next;
    if (group === 'today') {
      if (value === 'dk') {
        next = {current: null, target: null, comment: comment};
      } else {
        var level = parseInt(value, 10);
        var target = old && old.current !== null ? old.target : null;
        if (target !== null && target < level) target = null;  // as the kiosk: cleared, not kept wrong
        next = {current: level, target: target, comment: comment};
      }
    } else {
      if (!old || old.current === null) return;
      var t = parseInt(value, 10);
      if (t < old.current) return;
      next = {current: old.current, target: t, comment: comment};
    }
    delete drafts[it.id];
    answers[it.id] = next;
    refused = '';
    syncChoices(it);
    updateProgress();
    queue(it.id);
  }

  // -- the comment ---------------------------------------------------------------------------------

  function updateCounter() {
    var n = $('comment').value.length;
    var c = $('comment-count');
    c.textContent = fmt(n) + ' / ' + fmt(commentMax) + ' characters';
    c.classList.toggle('over', n >= commentMax);
  }

  function commentChanged() {
    updateCounter();
    var it = items[index];
    if (!it) return;
    var text = $('comment').value.slice(0, commentMax);
    var a = answers[it.id];
    if (!a) { drafts[it.id] = text; updateStatus(); return; }
    clearTimeout(commentTimer);
    commentTimer = setTimeout(flushComment, 900);
  }

  function flushComment() {
    clearTimeout(commentTimer);
    if (view !== 'question') return;
    var it = items[index];
    var a = answers[it.id];
    var text = $('comment').value.slice(0, commentMax);
    if (!a) { if (text) drafts[it.id] = text; return; }
    if (a.comment === text) return;
    a.comment = text;
    queue(it.id);
  }

  // -- saving ----------------------------------------------------------------------------------------

  function queue(id) {
    seq += 1;
    if (!pending[id]) pendingOrder.push(id);
    pending[id] = seq;
    updateStatus();
    pump();
  }

  function pump() {
    if (inFlight || retryTimer || !pendingOrder.length) return;
    var id = pendingOrder.shift();
    var mySeq = pending[id];
    delete pending[id];
    var a = answers[id];
    inFlight = {item: id, seq: mySeq};
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, 8000);
    fetch(base + '/answer', {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({item: id, current: a.current, target: a.target, comment: a.comment}),
      signal: controller ? controller.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      if (r.status === 404) { gone(); return; }
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (r.ok && body.saved) { acknowledged(id, body); return; }
        if (r.status === 400 || r.status === 403 || r.status === 413) {
          refusedBy(id, body.error || 'The answer was not accepted.');
          return;
        }
        throw new Error('status ' + r.status);  // 429, 5xx: try again
      });
    }).catch(function () {
      clearTimeout(timer);
      failed(id, mySeq);
    });
  }

  function acknowledged(id, body) {
    inFlight = null;
    failures = 0;
    saved[id] = copy(body.answer);
    if (!pending[id]) answers[id] = copy(body.answer);
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
    }
    updateProgress();
    updateStatus();
    if (view === 'review') showReview(true);
    pump();
  }

  function updateStatus() {
    var s = $('status');
    var it = items[index];
    var text = '';
    var cls = 'status';
    if (failures > 0 && hasPending()) {
      text = 'Not saved yet, retrying\u2026'; cls += ' retrying';
    } else if (refused) {
      text = refused; cls += ' refused';
    } else if (view === 'question' && it) {
      var id = it.id;
      var busy = pending[id] || (inFlight && inFlight.item === id);
      if (busy) text = 'Saving\u2026';
      else if (saved[id] && answers[id]) text = '\u2713 Saved';
      else if (drafts[id]) text = 'Comment kept: it is saved with your answer';
      if (!busy && saved[id]) cls += ' saved';
    } else if (view === 'review' && hasPending()) {
      text = 'Saving\u2026';
    }
    s.className = cls;
    s.textContent = text;
    if (view === 'review') updateFinish();
  }

  function updateProgress() {
    var done = doneCount();
    var total = items.length;
    $('progress').textContent = view === 'question'
      ? (index + 1) + ' of ' + total : done + ' of ' + total + ' answered';
    $('progress').setAttribute('aria-label', view === 'question'
      ? 'Statement ' + (index + 1) + ' of ' + total + ', ' + done + ' answered'
      : done + ' of ' + total + ' answered');
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
      ? 'All ' + items.length + ' statements are answered. Tap one to change it, or finish.'
      : missing.length + ' of ' + items.length + ' statements ' +
        (missing.length === 1 ? 'is' : 'are') + ' not answered yet. Tap one to answer it, or finish anyway.';
    var shown = missing.length ? missing : items.map(function (it, n) { return n; });
    shown.forEach(function (n) {
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      b.appendChild(el('span', 'n', String(n + 1)));
      b.appendChild(document.createTextNode(plain(items[n])));
      var a = answers[items[n].id];
      if (missing.length && a) b.appendChild(el('span', 'missing', 'In 12-18 months not chosen yet'));
      if (!missing.length) b.appendChild(el('span', 'summary', summary(a)));
      b.addEventListener('click', function () { showItem(n); });
      li.appendChild(b);
      list.appendChild(li);
    });
    $('back').disabled = items.length === 0;
    $('next').textContent = 'Finish';
    updateProgress();
    updateStatus();
    updateFinish();
    if (!keepFocus) { window.scrollTo(0, 0); $('review-title').focus({preventScroll: true}); }
  }

  function summary(a) {
    if (a.current === null) return 'Don\u2019t know';
    return 'Today ' + a.current + ' \u00b7 in 12-18 months ' + a.target;
  }

  function plain(it) { return it.statement.map(function (s) { return s.text; }).join(''); }

  function updateFinish() {
    var note = $('finish-note');
    if (finishing && hasPending()) {
      note.hidden = false;
      note.textContent = failures > 0
        ? 'Some answers are not saved yet; the page keeps trying. Keep this page open.'
        : 'Saving the last answers\u2026';
    } else {
      note.hidden = true;
    }
    if (finishing && !hasPending()) { finishing = false; thanks(); }
  }

  function finish() {
    flushComment();
    finishing = true;
    updateFinish();
  }

  function thanks() {
    var missing = items.length - doneCount();
    $('thanks-text').textContent = missing === 0
      ? 'Your answers are saved. You can close this page.'
      : 'Your answers are saved. ' + missing + ' statement' + (missing === 1 ? ' is' : 's are') +
        ' not answered; you can come back to ' + (missing === 1 ? 'it' : 'them') +
        ' with this link. You can close this page.';
    show('thanks');
    $('thanks-title').focus();
  }

  // -- wiring ---------------------------------------------------------------------------------------

  function onNext() {
    if (view === 'review') { finish(); return; }
    flushComment();
    refused = '';
    if (index >= items.length - 1) showReview(); else showItem(index + 1);
  }

  function onBack() {
    refused = '';
    if (view === 'review') { showItem(items.length - 1); return; }
    flushComment();
    if (index > 0) showItem(index - 1);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('next').addEventListener('click', onNext);
    $('back').addEventListener('click', onBack);
    $('reopen').addEventListener('click', function () { showReview(); });
    $('comment').addEventListener('input', commentChanged);
    $('comment').addEventListener('blur', flushComment);
    document.addEventListener('visibilitychange', function () {
      // back on this page: take what was answered meanwhile (on the kiosk, say)
      if (document.visibilityState === 'visible' && !hasPending() && items.length) load(false);
    });
    window.addEventListener('beforeunload', function (e) {
      if (hasPending()) { e.preventDefault(); e.returnValue = ''; }
    });
    load(true);
  });
})();
