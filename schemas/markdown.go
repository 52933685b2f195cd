package schemas

import (
	"fmt"
	"io"
)

// WriteMarkdown writes the table dictionary as Markdown: one section per
// table with its columns. README's table section is this output.
func WriteMarkdown(w io.Writer, docs []TableDoc) error {
	for _, d := range docs {
		if _, err := fmt.Fprintf(w, "### `%s`\n\n%s\n\n| column | type | meaning |\n| --- | --- | --- |\n", d.Name, d.Doc); err != nil {
			return err
		}
		for _, c := range d.Columns {
			if _, err := fmt.Fprintf(w, "| `%s` | %s | %s |\n", c.Name, c.Type, c.Doc); err != nil {
				return err
			}
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}
