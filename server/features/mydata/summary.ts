import { parisDateTime } from '../../../shared/csv';
import { SUMMARY_WORDS as W } from '../../../shared/mydata/summary-words';
import type { PersonData } from './collect';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fill = (text: string, values: Record<string, string | number>): string => text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(values[key] ?? ''));

/** Only readable colours and sizes: the page opens from disk, with no script and nothing fetched. */
const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1b1e;background:#fff}
h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #d0d7de;padding-bottom:.25rem}
ul{padding-left:1.2rem}li{margin:.5rem 0}img{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:8px;display:block;margin-top:.25rem}
.space{color:#495057;font-size:.9rem}dt{font-weight:600}dd{margin:0 0 .5rem}`;

function list<T>(title: string, items: readonly T[], render: (item: T) => string): string {
  if (items.length === 0) return '';
  return `<section><h2>${escapeHtml(title)}</h2><ul>${items.map((item) => `<li>${render(item)}</li>`).join('')}</ul></section>`;
}

const inSpace = (space: string): string => (space ? ` <span class="space">${escapeHtml(fill(W.inSpace, { space }))}</span>` : '');

/**
 * The readable summary of a person's data: French, self-contained (inline style, no script), the images referenced
 * by their path inside the ZIP so it opens from disk. « Mes données » for the person themself, « Les données de
 * Léa » for a guardian; « tu » to a pupil, « vous » to an adult.
 */
export function summaryHtml(data: PersonData, options: { self: boolean; now: number }): string {
  const s = data.summary;
  const voice = s.pupil && options.self ? 'pupil' : 'adult';
  const title = options.self ? W.title : fill(W.titleOf, { name: s.displayName });
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(W.intro[voice])}</p>`,
    `<section><h2>${W.profile}</h2><dl><dt>${W.name}</dt><dd>${escapeHtml(s.displayName)}</dd><dt>${W.login}</dt><dd>${escapeHtml(s.login)}</dd>`,
    `<dt>${W.classes}</dt><dd>${escapeHtml(s.classes.join(', ') || W.none)}</dd><dt>${W.groups}</dt><dd>${escapeHtml(s.groups.join(', ') || W.none)}</dd></dl></section>`,
    list(W.cards, s.cards, (card) => {
      const image = card.image ? `<img src="${escapeHtml(card.image)}" alt="${escapeHtml(card.title)}">` : '';
      const file = !card.image && card.file ? `<br><a href="${escapeHtml(card.file)}">${W.file}</a>` : '';
      return `<strong>${escapeHtml(card.title)}</strong>${inSpace(card.space)}${card.text ? `<br>${escapeHtml(card.text)}` : ''}${image}${file}`;
    }),
    list(W.comments, s.comments, (c) => `${escapeHtml(c.text)}${inSpace(c.space)}`),
    list(W.topics, s.topics, (t) => `<strong>${escapeHtml(t.title)}</strong>${inSpace(t.space)}`),
    list(W.posts, s.posts, (p) => `${escapeHtml(p.text)}${inSpace(p.space)}`),
    list(W.messages, s.messages, (m) => `${escapeHtml(m.text)}${inSpace(m.space)}`),
    list(W.pads, s.pads, (p) => `<strong>${escapeHtml(p.title)}</strong><br>${p.passages.map(escapeHtml).join('<br>')}`),
    `<section><h2>${W.other}</h2><ul>${[W.notifications, W.sessions, W.journal, W.charters]
      .map((line, i) => `<li>${escapeHtml(fill(line, { count: [s.counts.notifications, s.counts.sessions, s.counts.journal, s.counts.charters][i] ?? 0 }))}</li>`)
      .join('')}</ul></section>`,
    `<section><h2>${W.consultations}</h2>${
      s.consultations.length === 0
        ? `<p>${W.noConsultation}</p>`
        : `<ul>${s.consultations.map((c) => `<li>${escapeHtml(parisDateTime(c.at))} — ${escapeHtml(c.by)} : ${escapeHtml(c.what)}</li>`).join('')}</ul>`
    }</section>`,
    `<p>${escapeHtml(W.rectify[voice])}</p>`,
    `<p class="space">${escapeHtml(fill(W.generated, { date: parisDateTime(options.now) }))}</p>`,
  ].join('\n');
  return `<!doctype html>\n<html lang="fr">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body>\n</html>\n`;
}
