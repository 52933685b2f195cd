package enrich

import (
	"fmt"
	"slices"
	"strings"
)

// A government's departments and sections named in a text
// (rules/sector/department_marks.tsv, department_subject.tsv) count for S
// in the text rules.

// sectionBits are the bits of textFound.marks of the section marks, each
// of which is a tail mark too.
var sectionBits = func() uint {
	var b uint
	for _, m := range sectionMarks {
		i := slices.Index(departmentMarks[nHeadMarks:], m)
		if i < 0 {
			panic(fmt.Errorf("rules: %s: section mark %q is not a tail mark", fileDepartmentMarks, m))
		}
		b |= 1 << (nHeadMarks + i)
	}
	return b
}()

// departmentsWeight is what a government's departments in text add to S:
// each department (部 or 局, then 課 or 室), and more where it is its
// sentence's subject; with none, a section named alone that is the
// subject of its sentence (「このたび、健康づくり課において」) counts as a
// department that is one, unless an own word of department_subject.tsv
// opens it (当院医事課, 本学学務課: the section of a hospital or a university) or it holds a particle
// (名簿は健康づくり課: the sentence's subject is 名簿). marks are
// textFound.marks.
// The regexps are the costly part of the text rules: they run only when
// the text has the marks a department needs.
func departmentsWeight(text string, marks uint) int {
	n := 0
	if marks&headMarks != 0 && marks&tailMarks != 0 {
		for _, loc := range departmentRE.FindAllStringIndex(text, departmentMax) {
			n += departmentWeight
			if deptSubject(text, loc[0], loc[1]) {
				n += departmentSubjectWeight
			}
		}
	}
	if n > 0 || marks&sectionBits == 0 || !sectionBeforeParticle(text) {
		return n
	}
	for _, loc := range sectionRE.FindAllStringIndex(text, departmentMax) {
		section := text[loc[0]:loc[1]]
		if deptSubject(text, loc[0], loc[1]) && !hasAnyPrefix(section, departmentSubject["own"]) && !containsAny(section, departmentSubject["not_in_section"]) {
			return departmentWeight + departmentSubjectWeight
		}
	}
	return 0
}

// sectionBeforeParticle reports whether a section mark in text is followed
// by a particle of department_subject.tsv, as every section that is its
// sentence's subject is: most texts have none, and skip sectionRE.
func sectionBeforeParticle(text string) bool {
	for _, m := range sectionMarks {
		for rest := text; ; {
			i := strings.Index(rest, m)
			if i < 0 {
				break
			}
			rest = rest[i+len(m):]
			if hasAnyPrefix(rest, departmentSubject["particle"]) {
				return true
			}
		}
	}
	return false
}

// deptSubject reports whether the department at text[i:j] opens a
// sentence as its subject, as a government's section does when it reports
// its own incident: 「総務部安全安心課におきまして」, 「この度、○○部○○課において」.
func deptSubject(text string, i, j int) bool {
	before := strings.TrimSuffix(text[:i], "、")
	for _, o := range departmentSubject["opener"] {
		before = strings.TrimSuffix(before, o)
	}
	if before != "" && !strings.HasSuffix(before, "\n") && !strings.HasSuffix(before, "。") && !strings.HasSuffix(before, " ") {
		return false
	}
	return hasAnyPrefix(text[j:], departmentSubject["particle"])
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
