// Package nlp carries the Python side of the linguistic layer into the Go
// binary: the worker script that ingest/nlp starts under the project's
// virtual environment (made by `make nlp` from requirements.txt here).
package nlp

import _ "embed"

// WorkerScript is the source of worker.py, the spaCy worker that reads JSON
// requests on stdin and writes JSON responses on stdout (the protocol is
// described at the top of the file).
//
//go:embed worker.py
var WorkerScript string
