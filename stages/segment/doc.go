// Package segment cuts a document into segments, one per notice, and tells
// notices from other posts.
//
// A document may be one notice with no header, or a blog archive quoting
// many notices, each under a header line `【…#YYYY-NNN】<organization>
// <title> <date>`, with unrelated posts (no header) between them. Split cuts
// at header lines first; inside each part it looks for post boundaries — a
// short title line set off by an empty paragraph or by an end-of-post line
// (リリース文アーカイブ, 出典:) — and cuts there when the text on the two
// sides is of different kinds by Classify. Notices are never cut inside at
// their own section headings: a cut needs a boundary and a change of kind.
package segment
