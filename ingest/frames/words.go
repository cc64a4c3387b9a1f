package frames

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed words.yaml
var wordsYAML []byte

// wordClasses are the closed word classes of words.yaml, by name;
// usedClasses the names the readers ask wordClass for.
var (
	wordClasses = mustWordClasses(wordsYAML)
	usedClasses = map[string]bool{}
)

// The classes the readers use (words.yaml says what each does).
var (
	groupNouns          = wordClass("group nouns")
	subunitNouns        = wordClass("subunit nouns")
	remitNouns          = wordClass("remit nouns")
	parentNouns         = wordClass("parent nouns")
	bodyNouns           = wordClass("body nouns")
	genericNouns        = wordClass("generic nouns")
	publicBodyNouns     = wordClass("public body nouns")
	officeNouns         = wordClass("office nouns")
	companySuffixes     = wordClass("legal forms")
	dottedOnly          = wordClass("legal forms written with dots")
	capitalsOnly        = wordClass("legal forms written in capitals")
	nameConnectors      = wordClass("name connectors")
	titles              = wordClass("titles")
	titleWords          = wordClass("office titles")
	operatorWords       = wordClass("operator words")
	unitHeads           = wordClass("numbered unit heads")
	goodsNouns          = wordClass("goods nouns")
	goodsQualifiers     = wordClass("goods qualifiers")
	aircraftMarks       = wordClass("aircraft nationality marks")
	prefixSuffixes      = wordClass("legal forms written before the name")
	weakSuffixes        = wordClass("weak legal forms")
	abbreviatedSuffixes = wordClass("legal forms abbreviated with a dot")
	joinedForms         = wordClass("legal forms joined after de")
	nameInnerWords      = wordClass("company name inner words")
	headingWords        = wordClass("heading words")
	labelWords          = wordClass("field labels")
	genericHeads        = wordClass("generic heads")
	forceHeads          = wordClass("force heads")
	forceNouns          = wordClass("force nouns")
	listNouns           = wordClass("list nouns")
	listingVerbs        = wordClass("listing verbs")
	moneyWords          = wordClass("money words")
	stakeNouns          = wordClass("stake nouns")
	vesselNouns         = wordClass("vessel nouns")
	vesselLabels        = wordClass("vessel labels")
	shipPrefixes        = wordClass("ship prefixes")
	regionWords         = wordClass("region words")
)

// The classes by which the pipeline's last stage (package ingest) drops
// what is not an entity; words.yaml says what each holds. Read-only.
var (
	AddressWords    = wordClass("address words")
	LanguageNames   = wordClass("language names")
	ReferenceWords  = wordClass("reference words")
	InstrumentWords = wordClass("instrument words")
	StateOrgans     = wordClass("state organs")
)

// parseWordClasses reads words.yaml's classes: each a name and a list of
// lower-case words.
func parseWordClasses(b []byte) (map[string]map[string]bool, error) {
	var raw map[string][]string
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("word classes: %w", err)
	}
	out := map[string]map[string]bool{}
	for name, words := range raw {
		if len(words) == 0 {
			return nil, fmt.Errorf("word class %q: empty", name)
		}
		set := map[string]bool{}
		for _, w := range words {
			if w != strings.ToLower(w) || strings.TrimSpace(w) == "" {
				return nil, fmt.Errorf("word class %q: %q is not a lower-case word", name, w)
			}
			set[w] = true
		}
		out[name] = set
	}
	return out, nil
}

// mustWordClasses parses the embedded classes; they ship with the binary,
// so a bad file is a build defect, caught by the package's tests.
func mustWordClasses(b []byte) map[string]map[string]bool {
	c, err := parseWordClasses(b)
	if err != nil {
		panic(err)
	}
	return c
}

// wordClass returns the class name of words.yaml; a name the file lacks
// is a build defect.
func wordClass(name string) map[string]bool {
	c, ok := wordClasses[name]
	usedClasses[name] = true
	if !ok {
		panic(fmt.Sprintf("words.yaml has no word class %q", name))
	}
	return c
}
