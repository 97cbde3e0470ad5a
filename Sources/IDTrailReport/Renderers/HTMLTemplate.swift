/// The fixed parts of `report.html`: its stylesheet and script, inlined so the file is
/// self-contained (no network requests) and readable without JavaScript.
enum HTMLTemplate {
  static let style = """
    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
      --card: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --unknown: #9a6700; --na: #59636e;
      --critical: #82071e; --high: #cf222e; --medium: #bc4c00; --low: #9a6700; --info: #59636e;
      --idp: #8250df; --scim: #0969da; --gitlab: #bc4c00; --directory: #1a7f37; --link: #0969da; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
        --pass: #3fb950; --fail: #f85149; --unknown: #d29922; --na: #9198a1;
        --critical: #ff7b72; --high: #f85149; --medium: #db6d28; --low: #d29922; --info: #9198a1;
        --idp: #a371f7; --scim: #4493f8; --gitlab: #db6d28; --directory: #3fb950; --link: #4493f8; }
      .badge { color: #0d1117; }
    }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1280px; padding: 24px; background: var(--bg); color: var(--fg);
      font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    a { color: var(--link); }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px;
      border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    .muted { color: var(--muted); } code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
    nav.toc { margin: 8px 0; font-size: 13px; }
    table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px;
      border-bottom: 1px solid var(--line); vertical-align: top; } th { font-weight: 600; }
    td { overflow-wrap: anywhere; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.time { white-space: nowrap; font-size: 13px; font-variant-numeric: tabular-nums; }
    table.controls, table.findings, table.chains, table.inputs { table-layout: fixed; }
    col.c-id { width: 190px; } col.c-title { width: 220px; } col.c-criteria { width: 100px; }
    col.c-count { width: 80px; } col.c-severity { width: 90px; } col.c-person { width: 200px; }
    col.c-time { width: 180px; } col.c-evidence { width: 30%; } col.c-hop { width: 100px; }
    col.c-stage { width: 90px; } col.c-action { width: 200px; } col.c-format { width: 150px; }
    col.c-coverage { width: 200px; } col.c-hash { width: 140px; } col.c-person-id { width: 140px; }
    col.c-name { width: 220px; }
    .reason { font-size: 12px; color: var(--muted); margin-top: 2px; }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
      min-width: 120px; } .card b { display: block; font-size: 24px; }
    .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
      color: #fff; white-space: nowrap; }
    .s-pass { background: var(--pass); } .s-fail { background: var(--fail); }
    .s-unknown { background: var(--unknown); } .s-not-applicable { background: var(--na); }
    .v-critical { background: var(--critical); } .v-high { background: var(--high); }
    .v-medium { background: var(--medium); } .v-low { background: var(--low); } .v-info { background: var(--info); }
    .ok { color: var(--pass); } .late { color: var(--fail); font-weight: 600; } .warn { color: var(--unknown); }
    .st-idp { color: var(--idp); } .st-scim { color: var(--scim); } .st-gitlab { color: var(--gitlab); }
    .st-directory { color: var(--directory); }
    details.group { margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; }
    details.group > summary { padding: 8px 12px; background: var(--card); cursor: pointer; border-radius: 6px; }
    details.group[open] > summary { border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; }
    details.group > table tr:last-child td { border-bottom: none; }
    details.more { display: inline; } details.more > summary { display: inline; cursor: pointer; color: var(--link);
      font-size: 12px; margin-left: 4px; } details.more[open] > summary { display: block; margin-left: 0; }
    details.fold > summary { cursor: pointer; color: var(--link); margin: 4px 0 8px; }
    table.chains tbody.chain tr.who th { background: var(--card); font-weight: 600; border-top: 2px solid var(--line); }
    table.chains td.hop { font-size: 13px; white-space: nowrap; }
    code.hash { font-size: 11px; }
    ul.rejections { padding-left: 20px; } ul.rejections li { overflow-wrap: anywhere; }
    table.policy th { width: 260px; }
    .filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; }
    .filters input, .filters select { font: inherit; padding: 4px 8px; background: var(--bg); color: var(--fg);
      border: 1px solid var(--line); border-radius: 6px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
    figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
    figcaption { font-weight: 600; margin-bottom: 4px; } figure p { margin: 4px 0 0; font-size: 12px; }
    svg { width: 100%; height: auto; }
    svg text { fill: var(--muted); font-size: 10px; } svg .axis { stroke: var(--line); }
    svg text.label { fill: var(--fg); paint-order: stroke; stroke: var(--card); stroke-width: 3px; }
    svg .sla { stroke: var(--fail); stroke-dasharray: 4 3; } .hidden { display: none; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11px; } .filters, nav.toc { display: none; }
      tr.hidden { display: table-row; } details.hidden { display: block; }
      h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
      details > summary { list-style: none; }
      details.more > summary, details.more[open] > summary, details.fold > summary { display: none; }
      col.c-id, col.c-title { width: 140px; } col.c-criteria { width: 70px; } col.c-person { width: 130px; }
      col.c-time { width: 90px; } col.c-evidence { width: 25%; } col.c-action { width: 140px; }
      col.c-coverage { width: 130px; } td.time { white-space: normal; }
      .badge { border: 1px solid #000; color: #000; background: none; }
    }
    """

  /// Search and filters for the findings; printing opens every folded part. Without JavaScript
  /// every finding stays visible and folded parts open on a click.
  static let script = """
    (function () {
      var search = document.getElementById('finding-search');
      if (!search) { return; }
      var severity = document.getElementById('finding-severity');
      var control = document.getElementById('finding-control');
      var count = document.getElementById('finding-count');
      var groups = Array.prototype.slice.call(document.querySelectorAll('details.group'));
      groups.forEach(function (group) { group.dataset.initiallyOpen = group.open ? 'yes' : 'no'; });
      function apply() {
        var text = search.value.toLowerCase();
        var filtering = Boolean(text || severity.value || control.value);
        var shown = 0;
        var total = 0;
        groups.forEach(function (group) {
          var visible = 0;
          group.querySelectorAll('tbody tr').forEach(function (row) {
            var show = (!text || row.textContent.toLowerCase().indexOf(text) >= 0)
              && (!severity.value || row.dataset.severity === severity.value)
              && (!control.value || row.dataset.control === control.value);
            row.classList.toggle('hidden', !show);
            total += 1;
            if (show) { visible += 1; }
          });
          shown += visible;
          group.classList.toggle('hidden', visible === 0);
          group.open = filtering ? visible > 0 : group.dataset.initiallyOpen === 'yes';
        });
        count.textContent = filtering ? shown + ' of ' + total + ' findings shown' : '';
      }
      [search, severity, control].forEach(function (element) {
        element.addEventListener('input', apply);
        element.addEventListener('change', apply);
      });
      document.querySelector('.filters').hidden = false;
    })();
    (function () {
      var opened = [];
      window.addEventListener('beforeprint', function () {
        document.querySelectorAll('details:not([open])').forEach(function (element) {
          element.open = true;
          opened.push(element);
        });
      });
      window.addEventListener('afterprint', function () {
        opened.forEach(function (element) { element.open = false; });
        opened = [];
      });
    })();
    """
}
