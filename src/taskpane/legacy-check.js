/*
 * Pilotage AVS: first script of the task pane, ES5 only (Internet Explorer 11 must parse it;
 * checked by test/taskpane/legacy-check.test.ts; no trailing commas). Volume-licensed Office 2016/2019 show add-ins
 * in Internet Explorer 11, which cannot run the pane (ES2019, React 18, Fluent UI 9): without
 * this page the pane would stay on « Chargement de Pilotage AVS… » forever. Microsoft's guidance
 * for add-ins that do not support Trident: a graceful failure message saying what is needed.
 */
(function () {
  var box = document.getElementById('container');
  if (!box) return;
  function show(title, text) {
    box.innerHTML = '';
    var h = document.createElement('h1');
    h.appendChild(document.createTextNode(title));
    var p = document.createElement('p');
    p.appendChild(document.createTextNode(text));
    box.appendChild(h);
    box.appendChild(p);
  }
  var modern = false;
  try {
    // syntax and functions the pane's bundle relies on (ES2019)
    new Function('class A {}; var f = async (...a) => { try { await 0; } catch { } return { ...a }; }; return f;');
    modern = typeof Promise === 'function' && typeof Symbol === 'function' && typeof Object.fromEntries === 'function' && typeof [].flatMap === 'function';
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no catch without binding
  } catch (e) {
    modern = false;
  }
  if (!modern) {
    show(
      'Cette version d’Excel ne peut pas ouvrir Pilotage AVS',
      'Elle affiche les compléments avec Internet Explorer 11 (Office 2016 ou 2019 en licence en volume), trop ancien pour ce volet. ' +
        'Ouvrez le même classeur dans Excel pour Microsoft 365, Excel 2021 ou plus récent, ou dans Excel sur le web (www.office.com) : le volet y fonctionne. ' +
        'Votre service informatique peut aussi installer Microsoft Edge WebView2, que les versions récentes d’Office utilisent.'
    );
    window.pilotageAvsLegacy = true;
    return;
  }
  // a pane that never starts (bundle blocked by a proxy, connection lost): said after 30 s
  window.setTimeout(function () {
    if (box.getAttribute('data-started') === null && /Chargement de Pilotage AVS/.test(box.textContent || ''))
      show(
        'Le volet Pilotage AVS ne s’est pas chargé',
        'Vérifiez la connexion à Internet (ou au serveur de votre collectivité qui héberge le complément), puis fermez et rouvrez le volet. Si le message revient, transmettez-le à votre service informatique.'
      );
  }, 30000);
})();
