package nlp

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvPython names the environment variable that points at the Python
// interpreter of the NLP environment (the Docker image sets it).
const EnvPython = "NEXUS_NLP_PYTHON"

// venvPython is where `make nlp` puts the interpreter, relative to the
// source tree's root.
var venvPython = filepath.Join(".nexus", "venv", "bin", "python")

// ErrRuntimeMissing means the NLP runtime (Python with spaCy and the English
// model) is not installed or not found. Its message says how to install it.
var ErrRuntimeMissing = errors.New("NLP runtime missing: run `make nlp` in the Nexus source tree " +
	"(it installs spaCy and en_core_web_sm from tools/nlp/requirements.txt into .nexus/venv), " +
	"or set " + EnvPython + " to the python of an environment where that file is installed")

// FindPython returns the interpreter of the NLP environment: $NEXUS_NLP_PYTHON
// when set, else .nexus/venv/bin/python in the working directory or one of
// its parents, else the same beside the executable or above it. The error
// wraps ErrRuntimeMissing.
func FindPython() (string, error) {
	if p := os.Getenv(EnvPython); p != "" {
		if err := executable(p); err != nil {
			return "", fmt.Errorf("nlp: %s=%s: %w: %w", EnvPython, p, err, ErrRuntimeMissing)
		}
		return p, nil
	}
	var roots []string
	if wd, err := os.Getwd(); err == nil {
		roots = append(roots, wd)
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		roots = append(roots, filepath.Dir(exe))
	}
	for _, root := range roots {
		for dir := root; ; dir = filepath.Dir(dir) {
			p := filepath.Join(dir, venvPython)
			if executable(p) == nil {
				return p, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", fmt.Errorf("nlp: no %s in %s or a parent, and %s is not set: %w",
		venvPython, strings.Join(roots, " or "), EnvPython, ErrRuntimeMissing)
}

func executable(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return fmt.Errorf("%s is not an executable file", path)
	}
	return nil
}
