// Inline so report.html stays one self-contained file (CI artifacts, e-mail, an LMS upload).
export const HTML_STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } .score { font-size: 2rem; font-weight: 700; } .meta { color: #59636e; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #d1d9e0; padding: .4rem .6rem; text-align: left; vertical-align: top; }
td.points { white-space: nowrap; text-align: right; } code { font-size: .85em; color: #59636e; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8rem; white-space: nowrap; }
.passed .status { color: #1a7f37; } .failed .status { color: #d1242f; } .error .status { color: #9a6700; } .skipped .status { color: #59636e; }
.hint { color: #0550ae; } pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; white-space: pre-wrap; }
.trust { border-left: 4px solid #59636e; padding: .2rem 1rem; margin: 1rem 0; background: #f6f8fa; } .trust.suspicious { border-color: #d1242f; background: #fff5f5; }
.trust.live, .trust.collected { border-color: #1a7f37; } .in-doubt { color: #d1242f; font-size: .85em; } .evidence-review { border-left: 4px solid #9a6700; padding: .4rem 1rem; background: #fff8c5; }
figure { display: inline-block; margin: 1rem 1rem 0 0; } img { max-width: 100%; border: 1px solid #d1d9e0; }
`;
