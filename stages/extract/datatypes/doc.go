// Package datatypes reads which types of personal data a notice says
// leaked (schemas.DataTypes): the terms of rules/data_types named in
// sentences about leaked data, less the types a negated sentence, or the
// list under it, says were not leaked.
package datatypes
