package schemas

// NoticesTable: one row per segment of every source file.
var NoticesTable = &Table[Notice]{
	Name: "notices",
	Doc:  "One row per segment (a notice or a non-notice post) of every source file, with the extracted fields.",
	Columns: []Column[Notice]{
		unique(text("notice_id", "stable id: hash of source path, segment index and text", func(n *Notice) string { return n.NoticeID })),
		text("source_path", "source file, relative to its --in root (under the root's folder name when an earlier --in root holds the same path)", func(n *Notice) string { return n.SourcePath }),
		int32s("segment_index", "position of the segment in its file, from 0", func(n *Notice) int32 { return n.SegmentIndex }),
		text("format", "txt, md, html, jsonl or pdf", func(n *Notice) string { return n.Format }),
		text("encoding", "encoding the file was decoded from", func(n *Notice) string { return n.Encoding }),
		unique(str("url", "url given by a JSON Lines record", func(n *Notice) string { return n.URL })),
		str("retrieved_at", "when breachtrend fetch retrieved the record (JSON Lines retrieved_at, RFC 3339 UTC)", func(n *Notice) string { return n.RetrievedAt }),
		strings_("labels", "labels (categories) the source gave the record (JSON Lines labels)", func(n *Notice) []string { return n.Labels }),
		unique(text("title", "the notice's heading: its blog header line, the page's own title, or the first heading line of its text, page chrome skipped", func(n *Notice) string { return n.Title })),
		unique(text("text", "normalized text (NFKC, folded look-alikes, joined lines)", func(n *Notice) string { return n.Text })),
		unique(text("original_text", "text as decoded from the file", func(n *Notice) string { return n.OriginalText })),
		boolean("is_incident", "true for a notice about a security incident", func(n *Notice) bool { return n.IsIncident }),
		unique(str("case_id", "blog case id YYYY-NNN from the header", func(n *Notice) string { return n.CaseID })),
		optInt32("report_seq", "which report of the incident: 第N報 = N, 続報N = N+1", func(n *Notice) *int32 { return n.ReportSeq }),
		boolean("final_report", "the notice says it is the final report (最終報)", func(n *Notice) bool { return n.FinalReport }),
		str("organization", "organization that held the data or was attacked, as the notice names it", func(n *Notice) string { return n.Organization }),
		str("organization_key", "comparable form of the organization: NFKC, no spaces or legal forms, abbreviations and known variants mapped", func(n *Notice) string { return n.OrganizationKey }),
		str("contractor", "contractor or platform the notice says held the data and was breached, when named", func(n *Notice) string { return n.Contractor }),
		date("published_date", "date of this notice", func(n *Notice) Date { return n.PublishedDate }),
		date("discovered_date", "first date the organization learned of the incident", func(n *Notice) Date { return n.DiscoveredDate }),
		date("occurred_date", "first date of the incident itself", func(n *Notice) Date { return n.OccurredDate }),
		date("reported_date", "date of the first report to a regulator (個人情報保護委員会 or a ministry), when stated", func(n *Notice) Date { return n.ReportedDate }),
		optInt64("affected_count", "people or records whose data leaked or may have leaked", func(n *Notice) *int64 { return n.AffectedCount }),
		boolean("affected_approx", "the count is approximate or a bound (約, 以上, 最大)", func(n *Notice) bool { return n.AffectedApprox }),
		str("cause", "cause (GUIDE vocabulary)", func(n *Notice) string { return n.Cause }),
		str("veris_action", "VERIS action category of the cause", func(n *Notice) string { return n.VerisAction }),
		str("tsr_category", "Tokyo Shoko Research category of the cause (GUIDE.md; theft is 盗難, which TSR's published counts hold in 不正持ち出し・盗難, as the report's yearly view does)", func(n *Notice) string { return n.TSRCategory }),
		str("sector", "JSIC 2023 major group letter of the organization", func(n *Notice) string { return n.Sector }),
		strings_("data_types", "data types named as leaked or exposed (GUIDE vocabulary)", func(n *Notice) []string { return n.DataTypes }),
		optInt32("disclosure_delay_days", "published_date − discovered_date", func(n *Notice) *int32 { return n.DisclosureDelayDays }),
		strings_("terms", "nouns (kagome IPA base forms, repeats kept) of the title and the first 120 characters, for term trends", func(n *Notice) []string { return n.Terms }),
		unique(str("incident_id", "incident this notice reports on (incidents table)", func(n *Notice) string { return n.IncidentID })),
		unique(str("organization_evidence", "sentence the organization came from", func(n *Notice) string { return n.OrganizationEvidence })),
		unique(str("cause_evidence", "sentence the cause came from", func(n *Notice) string { return n.CauseEvidence })),
		unique(str("affected_count_evidence", "sentence the count came from", func(n *Notice) string { return n.CountEvidence })),
		unique(str("discovered_evidence", "sentence the discovery date came from", func(n *Notice) string { return n.DiscoveredEvidence })),
		unique(str("published_evidence", "sentence the notice's date came from, when the text states it", func(n *Notice) string { return n.PublishedEvidence })),
		unique(str("occurred_evidence", "sentence the date of the incident came from", func(n *Notice) string { return n.OccurredEvidence })),
		unique(str("reported_evidence", "sentence the date of the report to the Commission came from", func(n *Notice) string { return n.ReportedEvidence })),
		strMap("field_sources", "how each field with a value was found: header, loader:jsonl, rule:<family>, known_table, name_rule, gazetteer, text_rule, gazetteer_weak (the sector's route), default:unknown, enrich:<step> or corrected; read one as field_sources['organization']", func(n *Notice) map[string]string { return n.FieldSources }, false),
		strMap("extracted_values", "for each corrected field, the value the extractor gave (\"\" for none); null when nothing was corrected", func(n *Notice) map[string]string { return n.ExtractedValues }, true),
	},
}

// TimelineRow is one dated event of one notice.
type TimelineRow struct {
	NoticeID   string
	IncidentID string
	Seq        int32
	Event
}

// TimelineTable: every dated event of every notice.
var TimelineTable = &Table[TimelineRow]{
	Name: "timeline",
	Doc:  "Every dated event of every notice, in text order.",
	Columns: []Column[TimelineRow]{
		unique(text("notice_id", "notice the event was read from", func(r *TimelineRow) string { return r.NoticeID })),
		unique(str("incident_id", "incident of that notice", func(r *TimelineRow) string { return r.IncidentID })),
		int32s("seq", "position of the event in the notice, from 0", func(r *TimelineRow) int32 { return r.Seq }),
		text("kind", "published, discovered, occurred, reported (to a regulator: 個人情報保護委員会 or a ministry), police (to the police), notified, restored or other", func(r *TimelineRow) string { return r.Kind }),
		date("date", "day of the event", func(r *TimelineRow) Date { return r.Date }),
		unique(text("sentence", "sentence that states it", func(r *TimelineRow) string { return r.Sentence })),
	},
}

// IncidentsTable: reports of one incident linked into one row.
var IncidentsTable = &Table[Incident]{
	Name: "incidents",
	Doc:  "One row per incident: every report of it linked (same case id and organization, or same organization key and subject within 120 days).",
	Columns: []Column[Incident]{
		unique(text("incident_id", "stable id of the incident", func(r *Incident) string { return r.IncidentID })),
		unique(str("case_id", "blog case id, when known", func(r *Incident) string { return r.CaseID })),
		str("organization", "organization, as its first report names it", func(r *Incident) string { return r.Organization }),
		str("organization_key", "comparable form of the organization (linking and grouping key)", func(r *Incident) string { return r.OrganizationKey }),
		str("contractor", "contractor or platform named as the breached party, when a report names one", func(r *Incident) string { return r.Contractor }),
		unique(text("event_id", "the breach this incident is part of: one event for the clients of one breached contractor, else the incident's own (events table)", func(r *Incident) string { return r.EventID })),
		str("sector", "JSIC letter", func(r *Incident) string { return r.Sector }),
		str("cause", "cause from the most informative report", func(r *Incident) string { return r.Cause }),
		str("veris_action", "VERIS action", func(r *Incident) string { return r.VerisAction }),
		str("tsr_category", "TSR category (as notices.tsr_category)", func(r *Incident) string { return r.TSRCategory }),
		strings_("data_types", "union of the reports' data types", func(r *Incident) []string { return r.DataTypes }),
		optInt64("affected_count", "latest stated total", func(r *Incident) *int64 { return r.AffectedCount }),
		optInt64("affected_max", "largest stated total", func(r *Incident) *int64 { return r.AffectedMax }),
		boolean("affected_approx", "the count is approximate or a bound", func(r *Incident) bool { return r.AffectedApprox }),
		date("occurred_date", "first day of the incident", func(r *Incident) Date { return r.OccurredDate }),
		date("discovered_date", "first day the organization knew", func(r *Incident) Date { return r.DiscoveredDate }),
		date("first_published", "first report's date", func(r *Incident) Date { return r.FirstPublished }),
		date("last_published", "last report's date", func(r *Incident) Date { return r.LastPublished }),
		int32s("reports", "number of notices", func(r *Incident) int32 { return r.Reports }),
		boolean("final_report", "a final report (最終報) was published", func(r *Incident) bool { return r.FinalReport }),
		optInt32("disclosure_delay_days", "first_published − discovered_date", func(r *Incident) *int32 { return r.DisclosureDelayDays }),
		optInt32("exposure_days", "discovered_date − occurred_date", func(r *Incident) *int32 { return r.ExposureDays }),
		str("quarter", "quarter of the incident (first published, else discovered, else occurred), e.g. 2023Q3; null when only the year or nothing is known", func(r *Incident) string { return r.Quarter }),
		optInt32("year", "year of the incident: the quarter's, else the blog case number's; null when undated", func(r *Incident) *int32 { return r.Year }),
		text("dated_by", "what placed the incident: published, discovered, occurred, case_year (year only) or undated", func(r *Incident) string { return r.DatedBy }),
		unique(strings_("notice_ids", "notices of the incident, in report order", func(r *Incident) []string { return r.NoticeIDs })),
		strings_("sources", "source files of those notices", func(r *Incident) []string { return r.Sources }),
		boolean("appi_reportable", "reportable to 個人情報保護委員会 under the amended APPI", func(r *Incident) bool { return r.Reportable }),
		str("appi_reason", "why reportable: sensitive, financial, malicious, over_1000", func(r *Incident) string { return r.ReportableReason }),
		date("ppc_reported_date", "date of the first report to a regulator (the Commission or a ministry), when stated", func(r *Incident) Date { return r.ReportedDate }),
		optBool("appi_preliminary_met", "速報 within 5 days of discovery (null: cannot tell)", func(r *Incident) *bool { return r.PreliminaryMet }),
		optBool("appi_final_met", "確報 within 30 days (60 for malicious) of discovery (null: cannot tell)", func(r *Incident) *bool { return r.FinalMet }),
	},
}

// RejectsTable: every file or segment that could not be used.
var RejectsTable = &Table[Reject]{
	Name: "rejects",
	Doc:  "Every file, line or segment that could not be used, with the stage and the reason.",
	Columns: []Column[Reject]{
		text("stage", "load, segment, normalize, extract, correct", func(r *Reject) string { return r.Stage }),
		text("source_path", "file, relative to the --in root", func(r *Reject) string { return r.Source }),
		int32s("segment", "segment or JSONL line number (a corrections file's line for stage correct); -1 for the whole file", func(r *Reject) int32 { return r.Segment }),
		text("reason", "short machine-readable reason", func(r *Reject) string { return r.Reason }),
		text("detail", "what went wrong, in words", func(r *Reject) string { return r.Detail }),
	},
}

// CorrectionsTable: what became of every row of the corrections file.
var CorrectionsTable = &Table[Correction]{
	Name: "corrections",
	Doc:  "Every row of the corrections file and what became of it: applied (one row per notice it changed), invalid (also a rejects row) or orphaned (no notice matches it).",
	Columns: []Column[Correction]{
		text("file", "corrections file", func(r *Correction) string { return r.File }),
		int32s("line", "line of the row in the file (the header is line 1)", func(r *Correction) int32 { return r.Line }),
		str("notice_id", "notice the row changed, or the one it names", func(r *Correction) string { return r.NoticeID }),
		text("field", "field corrected, or same_incident / not_same_incident", func(r *Correction) string { return r.Field }),
		text("value", "value given", func(r *Correction) string { return r.Value }),
		text("status", "applied, invalid or orphaned", func(r *Correction) string { return r.Status }),
		text("detail", "how it matched, or what is wrong with it", func(r *Correction) string { return r.Detail }),
		str("note", "the analyst's note (the corrected field's evidence)", func(r *Correction) string { return r.Note }),
		str("author", "who made the correction", func(r *Correction) string { return r.Author }),
	},
}

// Dictionary lists every table breachtrend writes.
func Dictionary() []TableDoc {
	docs := []TableDoc{NoticesTable.Describe(), IncidentsTable.Describe(), TimelineTable.Describe(), RejectsTable.Describe(), CorrectionsTable.Describe()}
	for _, d := range DerivedTables {
		docs = append(docs, d.TableDoc)
	}
	return docs
}
