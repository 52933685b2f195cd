//go:build !linux

package pipeline

import "os"

// statOf is a file's stat data: size and mtime (inode and ctime only on
// Linux).
func statOf(fi os.FileInfo) fileStat {
	return fileStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}
