package pipeline

import (
	"os"
	"syscall"
)

// statOf is a file's stat data: size, mtime, and on Linux its inode,
// device and ctime (a rename over it or a chmod changes the ctime).
func statOf(fi os.FileInfo) fileStat {
	st := fileStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.Inode, st.Dev = s.Ino, uint64(s.Dev)
		st.CTime = s.Ctim.Sec*1e9 + s.Ctim.Nsec
	}
	return st
}
