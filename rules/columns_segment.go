package rules

// Number is the value of name, a number of 0 or more: a weight or a
// threshold that need not be whole. A value that is none panics naming
// the file and line, as Row.Number reports it.
func (s Settings) Number(name string) float64 {
	v, err := s.row(name).Number(1, name)
	if err != nil {
		panic(err)
	}
	return v
}
