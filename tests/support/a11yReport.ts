import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { reportDir } from './a11yEnv.ts'
import {
  WCAG_TAGS,
  checkLabel,
  targetsOf,
  type Audit,
  type PageCheck,
  type Violation,
} from './a11yCheck.ts'

/*
 * HTML reports for accessibility testers, written by `npm run a11y`: one
 * self-contained page per checked page, state and variant (screenshot
 * included), and an index.html that links them all, failures first.
 */

/** What the index needs of one page report; kept beside it as JSON. */
interface ReportEntry {
  file: string
  path: string
  name: string
  state: string
  language: string
  width: number
  theme: string
  rules: string[]
  needsReview: number
  otherProblems: number
}

const STYLE = `
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem;
  max-width: 72rem; color: #1b2330; background: #fff; }
a { color: #0a4a8f; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f2f5f9;
  padding: 0.5rem; border-left: 4px solid #6b7585; }
.pass { border-left: 6px solid #17663a; padding-left: 0.75rem; }
.fail { border-left: 6px solid #b42318; padding-left: 0.75rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr;
  gap: 0.25rem 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.rule { border-top: 2px solid #d5dbe3; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid #d5dbe3; vertical-align: top; }
img { max-width: 100%; border: 1px solid #6b7585; }
`

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

function slug(text: string): string {
  const words = text.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return words.replace(/^-|-$/g, '') || 'home'
}

/** The file name of a check's report, without extension. */
export function reportName(check: PageCheck): string {
  const { language, width, theme } = check.variant
  const variant = `${language}-${width}-${theme}`
  return [slug(check.path), slug(check.state), variant].join('--')
}

function documentPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function elementItem(target: string, node: Violation['nodes'][number]) {
  const summary = node.failureSummary
    ? `<pre>${escape(node.failureSummary)}</pre>`
    : ''
  return `<li>
<p>Element: <code>${escape(target)}</code></p>
<pre><code>${escape(node.html)}</code></pre>
${summary}
</li>`
}

/** One rule with its help and every element it names. */
function ruleSection(rule: Violation, kind: string): string {
  const id = `${kind}-${rule.id}`
  const targets = targetsOf(rule)
  const items = rule.nodes.map((node, i) => elementItem(targets[i]!, node))
  const count = plural(rule.nodes.length, 'element', 'elements')
  return `<section class="rule" aria-labelledby="${id}">
<h3 id="${id}">${escape(rule.id)}: ${escape(rule.help)}</h3>
<dl class="facts">
<dt>Impact</dt><dd>${escape(rule.impact ?? 'not given')}</dd>
<dt>What the rule checks</dt><dd>${escape(rule.description)}</dd>
<dt>Tags</dt><dd>${escape(rule.tags.join(', '))}</dd>
<dt>How to fix it</dt>
<dd><a href="${escape(rule.helpUrl)}">${escape(rule.helpUrl)}</a></dd>
</dl>
<h4>${count}</h4>
<ol>
${items.join('\n')}
</ol>
</section>`
}

function violationsPart({ violations }: Audit): string {
  if (violations.length === 0) {
    return `<p class="pass">No violations: axe-core found no problem against
WCAG 2.0, 2.1 and 2.2 levels A and AA on this page.</p>`
  }
  const elements = violations.reduce((sum, v) => sum + v.nodes.length, 0)
  return `<p class="fail">${plural(violations.length, 'rule is', 'rules are')}
violated, on ${plural(elements, 'element', 'elements')}.</p>
${violations.map((v) => ruleSection(v, 'violation')).join('\n')}`
}

function reviewPart({ needsReview }: Audit): string {
  if (needsReview.length === 0) {
    return '<p>None: axe decided every rule on this page by itself.</p>'
  }
  return `<p>axe could not decide these rules by itself; a person should
check the elements listed.</p>
${needsReview.map((v) => ruleSection(v, 'review')).join('\n')}`
}

function otherPart({ check, pageProblems }: Audit): string {
  if (pageProblems.length === 0) {
    return `<p class="pass">All passed: <code>&lt;html lang&gt;</code> is
<code>${escape(check.variant.language)}</code>, the document title names the
page, the ${escape(check.variant.theme)} theme is applied and no
Content-Security-Policy violation occurred.</p>`
  }
  const items = pageProblems.map((p) => `<li>${escape(p)}</li>`).join('\n')
  return `<ul class="fail">\n${items}\n</ul>`
}

function pageReport(audit: Audit, screenshot: Buffer): string {
  const { check } = audit
  const { language, width, theme } = check.variant
  const label = escape(checkLabel(check))
  const picture = `data:image/jpeg;base64,${screenshot.toString('base64')}`
  const passed = audit.violations.length + audit.pageProblems.length === 0

  const body = `<nav aria-label="Reports">
<p><a href="index.html">All page reports</a></p>
</nav>
<main>
<h1>${escape(check.path)} – ${escape(check.state)}</h1>
<dl class="facts">
<dt>Page</dt><dd>${escape(check.name)}</dd>
<dt>State</dt><dd>${escape(check.state)}</dd>
<dt>Language</dt><dd>${escape(language)}</dd>
<dt>Width</dt><dd>${width} px</dd>
<dt>Theme</dt><dd>${escape(theme)}</dd>
<dt>Address</dt><dd><code>${escape(audit.url)}</code></dd>
<dt>Document title</dt><dd>${escape(audit.title)}</dd>
<dt>Checked with</dt>
<dd>axe-core ${escape(audit.axeVersion)}, tags ${WCAG_TAGS.join(', ')}</dd>
<dt>Checked at</dt><dd>${new Date().toISOString()}</dd>
</dl>
<h2>Violations</h2>
${violationsPart(audit)}
<h2>Needs review by a person</h2>
${reviewPart(audit)}
<h2>Language, title, theme and security policy</h2>
${otherPart(audit)}
<h2>Screenshot</h2>
<figure>
<img src="${picture}" alt="The whole page as it was checked: ${label}.">
<figcaption>${label}</figcaption>
</figure>
</main>`
  const verdict = passed ? 'Pass' : 'Fail'
  return documentPage(`${verdict}: ${checkLabel(check)} – accessibility`, body)
}

function failed(entry: ReportEntry): boolean {
  return entry.rules.length + entry.otherProblems > 0
}

function readEntries(dir: string): ReportEntry[] {
  const entries = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map(
      (file) =>
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReportEntry,
    )
  return entries.sort(
    (a, b) =>
      Number(failed(b)) - Number(failed(a)) || a.file.localeCompare(b.file),
  )
}

function resultText(entry: ReportEntry): string {
  const other = entry.otherProblems
    ? [plural(entry.otherProblems, 'other problem', 'other problems')]
    : []
  const result = failed(entry)
    ? `Fails: ${[...entry.rules, ...other].join(', ')}`
    : 'No violations'
  const review = entry.needsReview
    ? `; ${plural(entry.needsReview, 'rule needs', 'rules need')} review`
    : ''
  return escape(result + review)
}

function indexRow(entry: ReportEntry): string {
  const page = `${entry.path} (${entry.name})`
  return `<tr>
<th scope="row"><a href="${escape(entry.file)}">${escape(page)}</a></th>
<td>${escape(entry.state)}</td>
<td>${escape(entry.language)}</td>
<td>${entry.width} px</td>
<td>${escape(entry.theme)}</td>
<td>${resultText(entry)}</td>
</tr>`
}

/**
 * Rewrites the index of every page report in the folder; each test file
 * calls it when done, so the index lists the reports of all files so far.
 */
export function writeReportIndex(dir: string): void {
  const entries = readEntries(dir)
  const failing = entries.filter(failed).length
  const checked = plural(entries.length, 'page was', 'pages were')
  const summary =
    failing === 0
      ? `<p class="pass">${checked} checked; none has a problem.</p>`
      : `<p class="fail">${checked} checked;
${plural(failing, 'has', 'have')} problems, listed first.</p>`

  const body = `<main>
<h1>Accessibility report</h1>
<p>Each page below was opened in Chromium in one state, language, width
and theme and checked with axe-core against WCAG 2.0, 2.1 and 2.2 levels A
and AA (tags ${WCAG_TAGS.join(', ')}), together with its
<code>&lt;html lang&gt;</code>, its document title and the
Content-Security-Policy. Each report lists what was found, with a
screenshot.</p>
${summary}
<table>
<caption>Page reports</caption>
<thead><tr>
<th scope="col">Page</th><th scope="col">State</th>
<th scope="col">Language</th><th scope="col">Width</th>
<th scope="col">Theme</th><th scope="col">Result</th>
</tr></thead>
<tbody>
${entries.map(indexRow).join('\n')}
</tbody>
</table>
</main>`
  writeFileSync(
    join(dir, 'index.html'),
    documentPage('Accessibility report – Citizen Portal', body),
  )
}

/**
 * Writes the HTML report of one checked page, with its screenshot, and the
 * summary the index is made from (see writeReportIndex).
 */
export function writePageReport(
  dir: string,
  audit: Audit,
  screenshot: Buffer,
): void {
  mkdirSync(dir, { recursive: true })
  const name = reportName(audit.check)
  const { check } = audit
  const entry: ReportEntry = {
    file: `${name}.html`,
    path: check.path,
    name: check.name,
    state: check.state,
    ...check.variant,
    rules: audit.violations.map((v) => v.id),
    needsReview: audit.needsReview.length,
    otherProblems: audit.pageProblems.length,
  }
  writeFileSync(join(dir, entry.file), pageReport(audit, screenshot))
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(entry))
}

/** When reports are being written, brings the index up to date. */
export function finishReports(): void {
  const dir = reportDir()
  if (dir) writeReportIndex(dir)
}
