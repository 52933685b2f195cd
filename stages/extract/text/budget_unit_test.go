package text

import "testing"

// TestCheckLetsOtherPanicsThrough: RecoverInto turns only the watch's
// abandon into an error; a bug's panic still panics.
func TestCheckLetsOtherPanicsThrough(t *testing.T) {
	defer func() {
		if r := recover(); r != "bug" {
			t.Errorf("recovered %v, want the panic \"bug\"", r)
		}
	}()
	func() (err error) {
		defer RecoverInto(&err)
		panic("bug")
	}()
}
