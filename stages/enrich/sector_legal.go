package enrich

import (
	"strings"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

// Some legal forms tell the sector: a 医療法人 runs a hospital or clinic
// (P), a 学校法人 a school (O). Names are compared without their legal
// forms, so 医療法人財団慈光会 is 慈光会 to the name rules, which see no
// sector in it; the form, read from the name as written, then decides.

// legalFormSector is a line of sector/legal_forms.tsv.
type legalFormSector struct{ form, letter string }

// legalFormSectors are sector/legal_forms.tsv in file order.
var legalFormSectors = func() []legalFormSector {
	var out []legalFormSector
	for _, r := range rules.Table(fileLegalFormSectors, 2) {
		rules.Must(r.CheckJSIC(1))
		out = append(out, legalFormSector{r.Fields[0], r.Fields[1]})
	}
	return out
}()

// legalFormLetter is the sector of the first form of legal_forms.tsv that
// org, as written, holds; "" when it holds none.
func legalFormLetter(org string) string {
	name := normalize.Compact(org)
	for _, f := range legalFormSectors {
		if strings.Contains(name, f.form) {
			return f.letter
		}
	}
	return ""
}

// withoutFormOpening is k, a name's key, less a form of legal_forms.tsv
// that opens it (the keys keep the professional corporations' forms): the
// name rules read the name, not the form's words (保険 of
// 社会保険労務士法人労務協会いわて is no insurer's).
func withoutFormOpening(k string) string {
	for _, f := range legalFormSectors {
		if rest, ok := strings.CutPrefix(k, f.form); ok && rest != "" {
			return rest
		}
	}
	return k
}
