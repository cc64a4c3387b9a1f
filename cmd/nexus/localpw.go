package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// localPasswordFile is where `make run` keeps the local Neo4j's password,
// relative to the source tree.
const localPasswordFile = ".nexus/neo4j-password"

// localPassword finds the password `make run` made for the local Neo4j
// when no password was given and uri is that server's address: in
// .nexus/neo4j-password of the working directory or a parent, or of the
// source tree the binary was built into (bin/nexus). It returns the
// password and the file, or "" when there is none.
func localPassword(uri string) (string, string) {
	u, err := url.Parse(uri)
	if err != nil || (u.Host != "127.0.0.1:7687" && u.Host != "localhost:7687") {
		return "", ""
	}
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			dirs = append(dirs, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		dirs = append(dirs, filepath.Dir(filepath.Dir(exe)))
	}
	for _, d := range dirs {
		f := filepath.Join(d, localPasswordFile)
		if b, err := os.ReadFile(f); err == nil {
			if pw := strings.TrimSpace(string(b)); pw != "" {
				return pw, f
			}
		}
	}
	return "", ""
}
