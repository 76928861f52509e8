// Added after HTML_STYLE, inline like it: summary.html needs only its own file and the students' folders beside it.
export const CLASS_STYLE = `
body { max-width: 96rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.counts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid #d1d9e0; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
.counts b { display: block; font-size: 1.5rem; line-height: 1.2; } .counts span { color: #59636e; font-size: .85rem; }
.counts .graded b { color: #1a7f37; } .counts .rejected b { color: #d1242f; } .counts .error b { color: #9a6700; }
.counts .signal { background: #fff1e5; border-color: #ffb77c; } .counts .signal b { color: #762c00; }
table.steps { width: auto; } table.steps td, table.steps th { padding: .2rem .6rem; vertical-align: middle; } table.steps td.rate { white-space: nowrap; }
table.steps code { margin-left: .4rem; }
.bar { display: inline-block; width: 9rem; height: .6rem; background: #ffebe9; border-radius: 3px; overflow: hidden; vertical-align: middle; margin-right: .5rem; }
.bar span { display: block; height: 100%; background: #2da44e; } .bar.none { background: #eaeef2; }
.muted { color: #59636e; font-size: .85rem; } .legend { color: #59636e; font-size: .85rem; margin: .25rem 0 .75rem; }
table.class { font-size: .9rem; } table.class td, table.class th { padding: .3rem .45rem; vertical-align: middle; }
table.class thead th { position: sticky; top: 0; background: #f6f8fa; z-index: 1; vertical-align: bottom; }
table.class tbody tr:nth-child(even) { background: #f6f8fa; } table.class tbody tr:hover { background: #fff8c5; }
th.step { padding: .3rem .1rem; } th.step span { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 500; font-size: .75rem; white-space: nowrap; }
td.mark { text-align: center; font-weight: 700; width: 1.6rem; padding: .3rem .1rem; cursor: help; }
td.passed { color: #1a7f37; } td.failed { color: #d1242f; background: #ffebe9; } td.error { color: #9a6700; background: #fff8c5; } td.skipped { color: #8c959f; }
td.why { color: #59636e; font-size: .85rem; max-width: 24rem; } td.why b { color: #1f2328; font-weight: 600; }
td.total { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } td.total.none { color: #8c959f; }
.badge { display: inline-block; border-radius: 1rem; padding: 0 .5rem; font-size: .75rem; font-weight: 600; white-space: nowrap; }
.badge.graded { background: #dafbe1; color: #116329; } .badge.rejected { background: #ffebe9; color: #a40e26; } .badge.error { background: #fff8c5; color: #7d4e00; }
.badge.late { background: #eaeef2; color: #424a53; }
.same { background: #fff1e5; border: 1px solid #ffb77c; color: #762c00; border-radius: 4px; padding: 0 .35rem; font-size: .8rem; cursor: help; }
table.class tbody td { height: 2.6rem; } td.plot { padding: .15rem .45rem; }
td.plot img { width: 3.6rem; height: 2.4rem; object-fit: contain; background: #fff; border: 1px solid #d1d9e0; display: block; }
td.name { max-width: 14rem; overflow-wrap: anywhere; } td.student code { color: #1f2328; font-size: .85rem; }
.evidence { border: 1px solid #d1d9e0; border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
.evidence.flagged { border-color: #ff8182; background: #fff5f5; } .evidence.flagged h2 { color: #a40e26; margin-top: .8rem; }
.evidence.clear { color: #59636e; } .evidence.clear h2 { font-size: 1rem; margin-top: .6rem; }
.evidence ol > li { margin: .5rem 0; } .evidence.flagged ol li.signal { color: #59636e; } .evidence li li { font-size: .9rem; } .evidence li code { color: #1f2328; }
.counts .suspicious b, .counts .review b { color: #a40e26; } .badge.review { background: #ffebe9; color: #a40e26; }
.badge.suspicious { background: #ffebe9; color: #a40e26; } .badge.live, .badge.collected { background: #dafbe1; color: #116329; } .badge.none { background: #eaeef2; color: #424a53; }
td.held { color: #8c959f; background: #eaeef2; } td.in-doubt { outline: 2px solid #d1242f; outline-offset: -2px; }
table.changes tr.down td.total { color: #a40e26; font-weight: 600; } table.changes tr.up td.total { color: #116329; }
table.changes tr.step-change td { font-size: .85rem; vertical-align: top; }
`;
