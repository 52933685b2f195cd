package rules

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// LocalGovernment is a prefecture, city, ward, town or village of Japan.
type LocalGovernment struct {
	Name       string // as it is written: 札幌市, 中央区, つくばみらい市
	Kind       string // prefecture, city, special_ward, ward, town, village
	FullName   string // unique in Japan: 札幌市中央区
	Prefecture string // 北海道
	Code       int    // 全国地方公共団体コード without its check digit
}

// Company is an EDINET filer with the JSIC major group of its TSE industry.
type Company struct {
	Name     string // NFKC, no spaces, legal form kept: AGC株式会社
	JSIC     string // A-T
	Industry string // the TSE industry: ガラス・土石製品
	Listed   bool
	// Weak is true where the industry maps to a sector only by default
	// (サービス業 → R): a sector that the name or the text shows wins.
	Weak bool
}

// Gazetteers are the public lists of organizations the rules use.
type Gazetteers struct {
	LocalGovernments []LocalGovernment
	Companies        []Company
}

// LoadGazetteers returns the bundled gazetteers, parsed once.
var LoadGazetteers = sync.OnceValues(func() (*Gazetteers, error) {
	return readGazetteers(files)
})

func readGazetteers(fsys fs.FS) (*Gazetteers, error) {
	g := &Gazetteers{}
	rows, err := readTSV(fsys, "gazetteer/local_governments.tsv", 5)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := r.Fields
		if err := oneOf(r, "kind", f[1], "prefecture", "city", "special_ward", "ward", "town", "village"); err != nil {
			return nil, err
		}
		code, err := strconv.Atoi(f[4])
		if err != nil || code <= 0 {
			return nil, fmt.Errorf("rules: %s: lgcode %q is not a positive number", r.Pos(), f[4])
		}
		g.LocalGovernments = append(g.LocalGovernments, LocalGovernment{Name: f[0], Kind: f[1], FullName: f[2], Prefecture: f[3], Code: code})
	}
	industries, err := readTSV(fsys, "gazetteer/tse_jsic.tsv", 3)
	if err != nil {
		return nil, err
	}
	jsicOf, weak := map[string]string{}, map[string]bool{}
	for _, r := range industries {
		if err := jsicLetter(r, r.Fields[1]); err != nil {
			return nil, err
		}
		if err := oneOf(r, "strength", r.Fields[2], "firm", "weak"); err != nil {
			return nil, err
		}
		jsicOf[r.Fields[0]] = r.Fields[1]
		weak[r.Fields[0]] = r.Fields[2] == "weak"
	}
	rows, err = readTSV(fsys, "gazetteer/companies.tsv", 4)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := r.Fields
		if err := jsicLetter(r, f[1]); err != nil {
			return nil, err
		}
		if want, ok := jsicOf[f[2]]; !ok || want != f[1] {
			return nil, fmt.Errorf("rules: %s: industry %q maps to %q in tse_jsic.tsv, not %q (regenerate with rules/gen/gazetteer)", r.Pos(), f[2], want, f[1])
		}
		if err := oneOf(r, "listed", f[3], "yes", "no"); err != nil {
			return nil, err
		}
		g.Companies = append(g.Companies, Company{Name: f[0], JSIC: f[1], Industry: f[2], Listed: f[3] == "yes", Weak: weak[f[2]]})
	}
	variants, err := readTSV(fsys, "gazetteer/char_variants.tsv", 2)
	if err != nil {
		return nil, err
	}
	var pairs []string
	for _, r := range variants {
		pairs = append(pairs, r.Fields[0], r.Fields[1])
	}
	common := strings.NewReplacer(pairs...)
	names := map[string]bool{}
	for _, c := range g.Companies {
		names[c.Name] = true
	}
	for _, c := range g.Companies {
		// 株式会社髙島屋 is 株式会社高島屋 as notices write it.
		if n := common.Replace(c.Name); n != c.Name && !names[n] {
			names[n] = true
			c.Name = n
			g.Companies = append(g.Companies, c)
		}
	}
	return g, nil
}
