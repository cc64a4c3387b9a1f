// Package seeds holds the data an analyst can extend without code: the
// gazetteer of known entities and the trigger lexicon of the extractor,
// embedded into the binary.
package seeds

import "embed"

// FS holds gazetteer.yaml, lexicon.yaml, frames.yaml and relclass.json.
//
//go:embed gazetteer.yaml lexicon.yaml frames.yaml relclass.json
var FS embed.FS

// Gazetteer returns the embedded gazetteer.yaml.
func Gazetteer() []byte { return mustRead("gazetteer.yaml") }

// Lexicon returns the embedded lexicon.yaml.
func Lexicon() []byte { return mustRead("lexicon.yaml") }

// Frames returns the embedded frames.yaml: relation frames over the
// dependency parse.
func Frames() []byte { return mustRead("frames.yaml") }

// RelationModel returns the embedded relclass.json: the relation
// classifier trained by `make train-relations` from the annotated sets.
func RelationModel() []byte { return mustRead("relclass.json") }

func mustRead(name string) []byte {
	b, err := FS.ReadFile(name)
	if err != nil {
		panic("seeds: embedded " + name + " missing: " + err.Error())
	}
	return b
}
