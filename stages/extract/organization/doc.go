// Package organization reads the name of the organization a notice is
// from (Find): the blog header's, a name with a legal form or a suffix of
// rules/organization in a sentence, a line that is only a name at the top
// or in the signature, a breadcrumb, or a known organization, with the
// self-references and outside bodies that name no notifier left out. Its
// names are read on kagome's token boundaries.
package organization
