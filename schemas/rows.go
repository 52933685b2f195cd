package schemas

// Notice is one segment of one source file: a notice, or a post that is not
// a notice (IsIncident false). Pointer fields are nil when the text does not
// state the value; an empty string means the same for string fields.
type Notice struct {
	NoticeID     string   `json:"notice_id"`
	SourcePath   string   `json:"source_path"`
	SegmentIndex int32    `json:"segment_index"`
	Format       string   `json:"format"`
	Encoding     string   `json:"encoding"`
	URL          string   `json:"url,omitempty"`
	RetrievedAt  string   `json:"retrieved_at,omitempty"` // when fetch retrieved it, RFC 3339 UTC
	Labels       []string `json:"labels,omitempty"`       // the source's labels (categories)
	Title        string   `json:"title"`
	Text         string   `json:"text"`          // normalized text
	OriginalText string   `json:"original_text"` // as decoded from the file
	IsIncident   bool     `json:"is_incident"`

	CaseID       string `json:"case_id"`
	ReportSeq    *int32 `json:"report_seq"`
	FinalReport  bool   `json:"final_report"`
	Organization string `json:"organization"`
	// OrganizationKey is the comparable form of Organization (enrich.OrgKey).
	OrganizationKey string `json:"organization_key"`
	// Contractor is the contractor or platform the notice says held the
	// data and was breached, when it names one.
	Contractor     string   `json:"contractor"`
	PublishedDate  Date     `json:"published_date"`
	DiscoveredDate Date     `json:"discovered_date"`
	OccurredDate   Date     `json:"occurred_date"`
	ReportedDate   Date     `json:"reported_date"` // first report to a regulator (the PPC or a ministry), when stated
	AffectedCount  *int64   `json:"affected_count"`
	AffectedApprox bool     `json:"affected_approx"`
	Cause          string   `json:"cause"`
	Sector         string   `json:"sector"`
	DataTypes      []string `json:"data_types"`
	Terms          []string `json:"terms"` // nouns of the title and opening, for term trends

	VerisAction         string `json:"veris_action"`
	TSRCategory         string `json:"tsr_category"`
	DisclosureDelayDays *int32 `json:"disclosure_delay_days"`
	IncidentID          string `json:"incident_id"`

	OrganizationEvidence string `json:"organization_evidence"`
	CauseEvidence        string `json:"cause_evidence"`
	CountEvidence        string `json:"affected_count_evidence"`
	DiscoveredEvidence   string `json:"discovered_evidence"`
	PublishedEvidence    string `json:"published_evidence,omitempty"`
	OccurredEvidence     string `json:"occurred_evidence,omitempty"`
	ReportedEvidence     string `json:"reported_evidence,omitempty"`

	// FieldSources says, for each field that holds a value, how it was
	// found: the rule family (rule:cause), the blog header, the loader
	// (loader:jsonl), the sector's route (known_table, name_rule,
	// gazetteer, text_rule, gazetteer_weak), a default (default:unknown) or corrected.
	FieldSources map[string]string `json:"field_sources,omitempty"`
	// ExtractedValues holds, for each corrected field only, the value the
	// extractor gave, in the text form of a correction ("" for none), so
	// eval can score the extractor alone.
	ExtractedValues map[string]string `json:"extracted_values,omitempty"`

	// Events is the notice's timeline; it becomes the timeline table.
	Events []Event `json:"events,omitempty"`
}

// Event is one dated statement of a notice: what happened on which day.
type Event struct {
	Kind     string `json:"kind"` // one of the EventKind values
	Date     Date   `json:"date"`
	Sentence string `json:"sentence"`
}

// Event kinds, decided from what the sentence says happened.
const (
	EventPublished  = "published"
	EventDiscovered = "discovered"
	EventOccurred   = "occurred"
	EventReported   = "reported" // report to a regulator (個人情報保護委員会 or a ministry)
	EventPolice     = "police"
	EventNotified   = "notified" // people affected told
	EventRestored   = "restored"
	EventOther      = "other"
)

// What placed an incident in time (Incident.DatedBy), in order of
// preference.
const (
	DatedByPublished  = "published"  // the first report's date
	DatedByDiscovered = "discovered" // no report date: the discovery date
	DatedByOccurred   = "occurred"   // neither: the date of the incident itself
	DatedByCaseYear   = "case_year"  // no date at all: the year of the blog's case number (year only)
	DatedByUndated    = "undated"    // nothing: the incident is in the undated bucket
)

// Reject is an input that could not be used: a whole file (Segment -1) or one
// segment or line of it. Rejects are data: they go to the rejects table.
type Reject struct {
	Stage   string `json:"stage"`
	Source  string `json:"source_path"`
	Segment int32  `json:"segment"` // -1 for the whole file; a line number for JSONL
	Reason  string `json:"reason"`
	Detail  string `json:"detail"`
}

// Correction is what became of one row of a corrections file: applied to
// a notice (one row per notice it matched), invalid (not applied, also a
// rejects row) or orphaned (no notice of the run matches it).
type Correction struct {
	File     string `json:"file"`
	Line     int32  `json:"line"`
	NoticeID string `json:"notice_id"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Status   string `json:"status"` // one of the Correction* statuses
	Detail   string `json:"detail"`
	Note     string `json:"note"`
	Author   string `json:"author"`
}

// What became of a correction (Correction.Status).
const (
	CorrectionApplied  = "applied"
	CorrectionInvalid  = "invalid"
	CorrectionOrphaned = "orphaned"
)

// SourceCorrected is the FieldSources value of a corrected field.
const SourceCorrected = "corrected"

// Incident is one incident: every report (notice) of it linked together.
type Incident struct {
	IncidentID          string   `json:"incident_id"`
	CaseID              string   `json:"case_id"`
	Organization        string   `json:"organization"`
	OrganizationKey     string   `json:"organization_key"`
	Contractor          string   `json:"contractor"` // breached contractor or platform, when named
	EventID             string   `json:"event_id"`   // the breach this incident is part of
	Sector              string   `json:"sector"`
	Cause               string   `json:"cause"`
	VerisAction         string   `json:"veris_action"`
	TSRCategory         string   `json:"tsr_category"`
	DataTypes           []string `json:"data_types"`
	AffectedCount       *int64   `json:"affected_count"`
	AffectedMax         *int64   `json:"affected_max"`
	AffectedApprox      bool     `json:"affected_approx"`
	OccurredDate        Date     `json:"occurred_date"`
	DiscoveredDate      Date     `json:"discovered_date"`
	FirstPublished      Date     `json:"first_published"`
	LastPublished       Date     `json:"last_published"`
	Reports             int32    `json:"reports"`
	FinalReport         bool     `json:"final_report"`
	DisclosureDelayDays *int32   `json:"disclosure_delay_days"`
	ExposureDays        *int32   `json:"exposure_days"`
	Quarter             string   `json:"quarter"`  // YYYYQn; "" when only the year or nothing is known
	Year                *int32   `json:"year"`     // year of the incident, when known
	DatedBy             string   `json:"dated_by"` // which date placed it: one of the DatedBy values
	NoticeIDs           []string `json:"notice_ids"`
	Sources             []string `json:"sources"`

	// The APPI legal clock (amended law in force 2022-04-01).
	Reportable       bool   `json:"appi_reportable"`
	ReportableReason string `json:"appi_reason"`
	ReportedDate     Date   `json:"ppc_reported_date"`
	PreliminaryMet   *bool  `json:"appi_preliminary_met"` // 速報 within 5 days of discovery
	FinalMet         *bool  `json:"appi_final_met"`       // 確報 within 30 (60) days
}
