/// The fixed parts of `report.html`: its stylesheet and script, inlined so the file is
/// self-contained (no network requests) and readable without JavaScript.
enum HTMLTemplate {
  static let style = """
    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
      --card: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; --unknown: #9a6700; --na: #59636e;
      --critical: #82071e; --high: #cf222e; --medium: #bc4c00; --low: #9a6700; --info: #59636e;
      --idp: #8250df; --scim: #0969da; --gitlab: #bc4c00; --directory: #1a7f37; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
        --pass: #3fb950; --fail: #f85149; --unknown: #d29922; --na: #9198a1;
        --critical: #ff7b72; --high: #f85149; --medium: #db6d28; --low: #d29922; --info: #9198a1;
        --idp: #a371f7; --scim: #4493f8; --gitlab: #db6d28; --directory: #3fb950; }
    }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1200px; padding: 24px; background: var(--bg); color: var(--fg);
      font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px;
      border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    .muted { color: var(--muted); } code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
    table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px;
      border-bottom: 1px solid var(--line); vertical-align: top; } th { font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
      min-width: 120px; } .card b { display: block; font-size: 24px; }
    .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
      color: #fff; white-space: nowrap; }
    .s-pass { background: var(--pass); } .s-fail { background: var(--fail); }
    .s-unknown { background: var(--unknown); } .s-not-applicable { background: var(--na); }
    .v-critical { background: var(--critical); } .v-high { background: var(--high); }
    .v-medium { background: var(--medium); } .v-low { background: var(--low); } .v-info { background: var(--info); }
    .chain { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 6px 0 14px; }
    .step { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; background: var(--card); }
    .step small { display: block; color: var(--muted); } .hop { font-size: 12px; padding: 0 6px; }
    .ok { color: var(--pass); } .late { color: var(--fail); font-weight: 600; } .warn { color: var(--unknown); }
    .filters { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
    .filters input, .filters select { font: inherit; padding: 4px 8px; background: var(--bg); color: var(--fg);
      border: 1px solid var(--line); border-radius: 6px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
    figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
    figcaption { font-weight: 600; margin-bottom: 4px; } svg { width: 100%; height: auto; }
    svg text { fill: var(--muted); font-size: 10px; } svg .axis { stroke: var(--line); }
    svg .sla { stroke: var(--fail); stroke-dasharray: 4 3; } .hidden { display: none; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11px; } .filters { display: none; }
      .hidden { display: table-row; } h2 { break-after: avoid; } tr, .chain, figure { break-inside: avoid; }
      .badge { border: 1px solid #000; color: #000; background: none; }
    }
    """

  /// Search and filters for the findings table; without JavaScript every finding stays visible.
  static let script = """
    (function () {
      var search = document.getElementById('finding-search');
      var severity = document.getElementById('finding-severity');
      var control = document.getElementById('finding-control');
      if (!search) { return; }
      function apply() {
        var text = search.value.toLowerCase();
        document.querySelectorAll('#findings tbody tr').forEach(function (row) {
          var show = (!text || row.textContent.toLowerCase().indexOf(text) >= 0)
            && (!severity.value || row.dataset.severity === severity.value)
            && (!control.value || row.dataset.control === control.value);
          row.classList.toggle('hidden', !show);
        });
      }
      [search, severity, control].forEach(function (element) { element.addEventListener('input', apply); });
      document.querySelector('.filters').hidden = false;
    })();
    """
}
