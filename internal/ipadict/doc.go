// Package ipadict gets kagome's IPA dictionary ready cheaply: from a
// compact binary file of exactly what the tokenizer and jatok read, kept
// in breachtrend's cache folder, instead of inflating and decoding
// kagome's embedded zip on every run.
//
// # Why a cache file
//
// ipa.Dict inflates an 11.7 MB zip into 41 MB of parts and decodes them
// value by value with encoding/binary and gob: ~0.6 s on one core, ~1 s of
// CPU with the GC, paid by every run that extracts anything, which is
// most of the cost of a rerun after adding a few files. Most of that work
// is for kagome's features (Contents, POS vectors) that jatok replaces
// with its own flat tables anyway. The compact form holds the tokenizer's
// parts (morphs, the double array and its Dup map, the connection matrix,
// the character classes, the unknown-word dictionary, the POS names, the
// dictionary info) and jatok's Tables, 27 MB laid out as the slices they
// become: loading it is one read into one pointer-free allocation, a
// checksum, a bounds check of every id, and slices viewed in place; only
// the Dup map (47k entries) is built.
//
// A file generated into the repository would be megabytes of binary;
// generating it at build time is not something go build does. So the
// first run on a machine builds it from kagome's zip (the slow path) and
// writes it; later runs read it.
//
// # Where, and how it stays right
//
// The file is Dir()/kagome-ipa.dict: $BREACHTREND_CACHE when set
// ("off": never read nor write it), else os.UserCacheDir()/breachtrend
// (~/.cache/breachtrend on Linux). Its header holds the format version
// and a hash of the key: the versions and go.sum hashes of the
// kagome-dict and kagome-dict/ipa modules, whose h1 hash covers the
// embedded zip. A binary without that module information (a test binary,
// a local replace of the modules) has no key and always takes the slow
// path. A checksum (CRC-32) of the whole payload is checked on every
// load: a file that is stale, truncated, corrupt, of another format or of
// another machine's byte order is a miss, rebuilt and replaced, never a
// crash nor different tokens. It is written under a temporary name in the
// same folder and renamed, so a reader sees a whole file or none; a file
// at that name that does not start with the format's magic is not
// breachtrend's and is left alone. Any failure to read or write the cache
// (no home, a read-only folder, a full disk) only means the slow path:
// the run goes on exactly as without a cache.
package ipadict
