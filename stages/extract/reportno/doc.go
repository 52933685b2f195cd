// Package reportno reads which report of an incident a notice is (Find):
// 第N報, 続報, 最終報 in the title, or the earlier reports its body
// cites, with the words of rules/report. It also says what a report's
// own label is (TitleLabel) for the timeline.
package reportno
