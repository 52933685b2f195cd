package reportno

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The report number's words, read from rules/report/ once at start.

func reportWords(name string) []string { return rules.Words("report/" + name + ".tsv") }

var (
	// nthReportRE: 第N報, the number as its submatch; followUpRE: 続報,
	// maybe with a number (report/report_labels.tsv). Every match of
	// either holds a word of its cue (ordinal_prefix, follow_up): none of
	// the patterns has a literal prefix for the regexp engine to look for,
	// so they run only on a text that holds one.
	nthReportRE, followUpRE, nthReportCue, followUpCue = loadReportLabels()
	// partReportRE: (その4) in a title, report 4, the number as its
	// submatch; partReportCue holds its words (report_labels.tsv part).
	partReportRE, partReportCue = loadPartLabels()

	// finalReportRE: the title names the incident's last report; the
	// match is the report label a timeline line may name, a word of
	// finalReportCue.
	finalReportRE, finalReportCue = regexp.MustCompile(text.OrderedAlternation(reportWords("final_report"))),
		text.NewWordList(reportWords("final_report"))

	moreToComeWords = reportWords("more_to_come")
	// finalDeclarations: a body's sentence that makes the notice the last
	// report (本報告をもって最終報告とさせていただきます).
	finalDeclarations = text.NewWordList(reportWords("final_declaration"))

	// reportWeights say how far the rules read (report/weights.tsv).
	reportWeights = text.Weights("report/weights.tsv", "citing_sentences", "title_lines", "opening_sentences", "max_report",
		"later_sentences", "title_runes", "prior_reach", "published_gap_days", "dateline_max_runes", "citation_date_gap")
	citingSentences  = reportWeights["citing_sentences"]
	titleLines       = reportWeights["title_lines"]
	datelineMaxRunes = reportWeights["dateline_max_runes"]
	openingSentences = reportWeights["opening_sentences"]
	maxReport        = reportWeights["max_report"]
	laterSentences   = reportWeights["later_sentences"]
	titleRunes       = reportWeights["title_runes"]
	publishedGapDays = reportWeights["published_gap_days"]
	citationDateGap  = reportWeights["citation_date_gap"]

	// laterNoticeTitleWords: a title that reads as a later report.
	laterNoticeTitleWords = text.NewWordList(reportWords("later_notice_title"))

	// priorNoticeRE: the body cites one earlier notice of the same
	// incident (report/prior_notice.tsv). priorStarts are the words a
	// match may open with (besides a month); a match is a word of
	// priorAlready (既報) or holds one of priorOpeners (or a month) and one
	// of priorNouns.
	// priorPersonal are the words of an apology made to the people
	// concerned (prior_notice.tsv personal): a citation's span that holds
	// one is a response, no earlier notice. priorDataAfter right after a
	// citation make it data made public (公表している情報).
	priorNoticeRE, priorStarts, priorAlready, priorOpeners, priorNouns, priorPersonal, priorNewsLead, priorDataAfter = loadPriorNotice()
)

var (
	// laterNoticeRE: the notice is not the first about its incident,
	// though it gives no number — 改めてお詫び, a report of an
	// investigation's results (report/later_notice.tsv); every match
	// holds a word of laterNoticeCue.
	laterNoticeRE, laterNoticeCue, apologyToAffected = loadLaterNotice()

	// investigationTitles: the title publishes an investigation's report,
	// which closes the incident; investigationDoneRE: "調査及び精査が完了
	// いたしましたので" — the investigation is over, and every match holds
	// a word of investigationDoneCue (report/investigation.tsv).
	investigationTitles, investigationDoneRE, investigationDoneCue = loadInvestigation()

	// priorReportsRE: a citation of an earlier numbered report (第一報にて);
	// citingWords: a sentence that cites one holds one of them.
	priorReportsRE, citingWords = loadCitedReports()

	// datedCitationRE: what follows the date of a citation of an earlier
	// notice by date and title (付「…」にて公表いたしました); datedWords are
	// the dated words every match opens with (report/dated_citation.tsv).
	// quotedCitationRE is datedCitationRE with 付 optional (「平成25年3月15日
	// 「…」でご報告いたしました」), for the published date (CitesNoticeAfter).
	datedCitationRE, quotedCitationRE, datedWords = loadDatedCitation()

	presentWords            = reportWords("present_words")
	othersAnnouncementWords = reportWords("others_announcement")
	// newsAnnouncementRE ends a news report's sentence telling the
	// announcement of the notice (report/news_announcement.tsv).
	newsAnnouncementRE = regexp.MustCompile(`と[0-9年月日/.\s]*に?` + text.OrderedAlternation(reportWords("news_announcement")) + `し(?:た|ました)。?$`)
	// newsNarrationRE ends a news report's sentence that tells a body has
	// announced something (「…旨を公表している」): the verb and して and いる
	// or います; not いた, an announcement before the one reported (「5月17日
	// に「…お詫びとお知らせ」を公表していた」).
	newsNarrationRE = regexp.MustCompile(text.OrderedAlternation(reportWords("news_announcement")) + `して(?:いる|います)。?$`)
	// announcedVerbRE is a verb of report/news_announcement.tsv in its past
	// form (発表した, 公表しました; not 公表していた, a page that was up).
	announcedVerbRE = regexp.MustCompile(text.OrderedAlternation(reportWords("news_announcement")) + `し(?:た|ました)`)
	// newsLeadRE is a news lead that tells of an announcement: its subject
	// (group 1) and は, the day and a comma, the verb at the end.
	newsLeadRE = regexp.MustCompile(`^([^、。「」]{2,40}?)は(?:今年|昨年|本年)?[0-9年月日/.\s]+、.*` + text.OrderedAlternation(reportWords("news_announcement")) + `し(?:た|ました)。?$`)
	// selfWords are the words a body calls itself by (当社, 本市: the
	// aliases of organization/references.tsv, not 同社): a lead of one of
	// them is its own notice's.
	// othersSubjects are the words a news report calls the body by (同社,
	// 同市: the generic references of organization/references.tsv that are
	// no alias) with a subject's particle: 「同社では4月23日に…公表して
	// いる」 tells of the body's announcement, not of this notice's earlier
	// report.
	selfWords, othersSubjects = func() (self, others []string) {
		for _, r := range rules.Table("organization/references.tsv", 4) {
			switch {
			case r.Fields[1] == "yes":
				self = append(self, r.Fields[0])
			case r.Fields[3] == "yes":
				for _, p := range []string{"は", "では", "が", "も"} {
					others = append(others, r.Fields[0]+p)
				}
			}
		}
		return self, others
	}()
	addendumWords   = reportWords("addendum")
	thisNoticeWords = reportWords("this_notice")
	planWords       = rules.Words("timeline/plan_words.tsv")
)

// reportNumber is the number of a report label: digits, or kanji to 九十
// (smallNumber reads both).
const reportNumber = `([0-9]+|[一二三四五六七八九十]+)`

// reportLabels are report/report_labels.tsv's words by part.
var reportLabels = rules.MustParts(rules.Table("report/report_labels.tsv", 2), []string{"ordinal_prefix", "ordinal_suffix", "follow_up", "part", "announced"})

func loadReportLabels() (nth, followUp *regexp.Regexp, nthCue, followUpCue text.WordList) {
	part := reportLabels
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	nth = regexp.MustCompile(alt("ordinal_prefix") + `\s*` + reportNumber + `\s*` + alt("ordinal_suffix"))
	followUp = regexp.MustCompile(alt("follow_up") + `\s*` + reportNumber + `?`)
	return nth, followUp, text.NewWordList(part["ordinal_prefix"]), text.NewWordList(part["follow_up"])
}

func loadPartLabels() (*regexp.Regexp, text.WordList) {
	words := reportLabels["part"]
	return regexp.MustCompile(`[(]\s*` + text.OrderedAlternation(words) + `\s*` + reportNumber + `\s*[)]`), text.NewWordList(words)
}

func loadLaterNotice() (*regexp.Regexp, text.WordList, laterApologies) {
	part := rules.MustParts(rules.Table("report/later_notice.tsv", 2), []string{"again", "again_adverb", "apology", "again_apology", "results", "results_link", "results_report", "to_affected"})
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	re := regexp.MustCompile(alt("again") + alt("again_adverb") + `?` + alt("apology") + `|` + alt("again_apology") +
		// "現時点の調査結果として、…判明しましたので、ご報告いたします":
		// the results of an investigation the incident's first notice began.
		`|` + alt("results") + alt("results_link") + `[^。]{0,40}` + alt("results_report"))
	return re, text.NewWordList(text.Union(part["again"], part["again_apology"], part["results"])),
		laterApologies{apology: text.Union(part["apology"], part["again_apology"]), toAffected: part["to_affected"]}
}

// laterApologies are the words that tell an again apology among the
// matches of laterNoticeRE (apology) and the words before it that make it
// the people's own apology (to_affected).
type laterApologies struct{ apology, toAffected []string }

func loadInvestigation() (text.WordList, *regexp.Regexp, text.WordList) {
	part := rules.MustParts(rules.Table("report/investigation.tsv", 2), []string{"report_title", "work", "work_particle", "date_particle", "done", "after"})
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	// The day it ended may stand before done (調査が2021年3月31日完了しました).
	re := regexp.MustCompile(alt("work") + `(?:[^。、にを]{0,8}` + alt("work_particle") + `)?` +
		`(?:[^。、にを]{0,12}日` + alt("date_particle") + `?)?` + alt("done") + alt("after"))
	return text.NewWordList(part["report_title"]), re, text.NewWordList(part["done"])
}

func loadCitedReports() (*regexp.Regexp, text.WordList) {
	part := rules.MustParts(rules.Table("report/cited_reports.tsv", 2), []string{"particle", "sentence"})
	// The citation is a label of report/report_labels.tsv (its number the
	// submatch), maybe an aside and closing brackets, then a particle.
	// An aside in brackets may follow the label (第2報(別添PDF)として).
	re := regexp.MustCompile(nthReportRE.String() + `(?:\s*\([^()]{0,40}\))?(?:[」』)]*)\s*` + text.OrderedAlternation(part["particle"]))
	return re, text.NewWordList(part["sentence"])
}

func loadDatedCitation() (dated, quoted *regexp.Regexp, datedWords []string) {
	part := rules.MustParts(rules.Table("report/dated_citation.tsv", 2), []string{"dated", "dated_particle", "quote_link", "notice_noun", "ending"})
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	// A weekday in brackets may stand between the date and 付; the quoted
	// title, its link and the notice's verb follow.
	citation := func(datedWord string) *regexp.Regexp {
		return regexp.MustCompile(`^\s*(?:\([^()]{1,4}\))?\s*` + datedWord + `\s*「[^「」]{1,120}」\s*` +
			alt("quote_link") + `\s*` + alt("notice_noun") + `\s*` + alt("ending"))
	}
	datedWord := alt("dated") + alt("dated_particle") + `?`
	return citation(datedWord), citation(`(?:` + datedWord + `)?`), part["dated"]
}

// CitesNoticeAfter reports whether after, the text right after a date,
// cites an earlier notice of that date by its quoted title (「平成25年3月
// 15日「…のお知らせ」でご報告いたしました…」, report/dated_citation.tsv,
// 付 optional): the date is that notice's, not this one's.
func CitesNoticeAfter(after string) bool {
	return strings.Contains(after, "「") && quotedCitationRE.MatchString(after)
}

// priorNoticeParts are the parts of report/prior_notice.tsv, each written once.
var priorNoticeParts = []string{"already", "opener", "since_opener", "since_particle", "since_noun", "notice_noun", "object_particle", "verb", "ending", "personal", "news_lead", "data_after"}

func loadPriorNotice() (*regexp.Regexp, []string, text.WordList, text.WordList, text.WordList, []string, []string, []string) {
	p, err := parsePriorNotice(rules.Table("report/prior_notice.tsv", 2))
	if err != nil {
		panic(err)
	}
	return p.re, p.starts, p.already, p.openers, p.nouns, p.personal, p.newsLead, p.dataAfter
}

// priorNotice is report/prior_notice.tsv read: the citation pattern, the
// words a match may open with, the cue word lists, and the words of a
// personal response (part personal).
type priorNotice struct {
	re                                    *regexp.Regexp
	starts, personal, newsLead, dataAfter []string
	already, openers, nouns               text.WordList
}

func parsePriorNotice(rows []rules.Row) (priorNotice, error) {
	part, err := rules.Parts(rows, priorNoticeParts)
	if err != nil {
		return priorNotice{}, err
	}
	alt := func(name string) string { return text.OrderedAlternation(part[name]) }
	return priorNotice{
		re: regexp.MustCompile(alt("already") + `|` + alt("since_opener") + alt("since_particle") + `?` + alt("since_noun") + `|` +
			`(?:` + alt("opener") + `|\d+\s*月(?:\s*\d+\s*日)?)[^。]{0,` + strconv.Itoa(reportWeights["prior_reach"]) + `}?` +
			alt("notice_noun") + alt("object_particle") + `?` + alt("verb") + alt("ending")),
		starts:    text.Union(part["already"], part["since_opener"], part["opener"]),
		personal:  part["personal"],
		newsLead:  part["news_lead"],
		dataAfter: part["data_after"],
		already:   text.NewWordList(part["already"]),
		openers:   text.NewWordList(text.Union(part["opener"], part["since_opener"])),
		nouns:     text.NewWordList(text.Union(part["notice_noun"], part["since_noun"])),
	}, nil
}

// TitleLabel is the report label a title gives itself (最終報, 第3報), ""
// when it gives none.
func TitleLabel(title string) string {
	m := text.MaskOf(title)
	if finalReportCue.InMask(title, m) {
		if l := finalReportRE.FindString(title); l != "" {
			return l
		}
	}
	if !nthReportCue.InMask(title, m) {
		return ""
	}
	return nthReportRE.FindString(title)
}

// NamesThisNotice reports whether s calls the notice itself (本報告:
// report/this_notice).
func NamesThisNotice(s string) bool { return text.ContainsAny(s, thisNoticeWords) }

// MentionsPlan reports whether s tells of something planned, not done
// (timeline/plan_words.tsv): a dated sentence of a plan is no later event.
func MentionsPlan(s string) bool { return text.ContainsAny(s, planWords) }
