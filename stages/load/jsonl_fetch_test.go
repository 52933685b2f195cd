package load

import (
	"reflect"
	"strings"
	"testing"
)

// TestLoadJSONLProvenance: the fields breachtrend fetch writes beside
// "text" reach the document; a bad "labels" is a reject of its line.
func TestLoadJSONLProvenance(t *testing.T) {
	lines := []string{
		record(t, map[string]any{"text": noticeJA, "url": "https://blog.example/2024/05/2024-101.html", "published": "2024-05-02",
			"updated": "2024-05-03T10:00:00.000+09:00", "retrieved_at": "2024-05-04T01:02:03Z", "labels": []string{"不正アクセス", "個人情報"},
			"source": "blog", "id": "tag:blogger.com,1999:blog-1.post-2"}),
		`{"text": "本文", "labels": "不正アクセス"}`,
		`{"text": "本文", "labels": null, "retrieved_at": null}`,
	}
	in := writeFile(t, t.TempDir(), "blog.jsonl", []byte(strings.Join(lines, "\n")))
	docs, rejects := NewLoader().Load(in)
	want := []Document{
		{Source: "blog.jsonl", Line: 1, Format: "jsonl", Encoding: "utf-8", Text: noticeJA, URL: "https://blog.example/2024/05/2024-101.html",
			Published: "2024-05-02", RetrievedAt: "2024-05-04T01:02:03Z", Labels: []string{"不正アクセス", "個人情報"}},
		{Source: "blog.jsonl", Line: 3, Format: "jsonl", Encoding: "utf-8", Text: "本文"},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("docs:\n got %+v\nwant %+v", docs, want)
	}
	if len(rejects) != 1 || rejects[0].Segment != 2 || !strings.Contains(rejects[0].Detail, `"labels" is a string, want an array of strings`) {
		t.Errorf("rejects = %+v, want line 2's labels", rejects)
	}
}
