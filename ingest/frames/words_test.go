package frames

import (
	"strings"
	"testing"
)

func TestWordClasses(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, err string
	}{
		{"a class is a name and its words", "office nouns: [director, owner]", ""},
		{"an empty class is refused", "office nouns: []", `word class "office nouns": empty`},
		{"words are in lower case", "office nouns: [Director]", `"Director" is not a lower-case word`},
		{"a class is a list", "office nouns: director", "word classes:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseWordClasses([]byte(tc.yaml))
			if tc.err == "" {
				if err != nil || !c["office nouns"]["director"] || !c["office nouns"]["owner"] {
					t.Fatalf("got %v, %v", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
	// Every class the shipped file has is one a reader uses, and the
	// other way round (wordClass panics at start-up on a missing one).
	used := map[string]bool{"group nouns": true, "subunit nouns": true, "remit nouns": true, "parent nouns": true,
		"body nouns": true, "generic nouns": true, "public body nouns": true, "office nouns": true}
	for name := range wordClasses {
		if !used[name] {
			t.Errorf("words.yaml class %q is used by no reader", name)
		}
	}
	if len(wordClasses) != len(used) {
		t.Errorf("words.yaml has %d classes, the readers use %d", len(wordClasses), len(used))
	}
}
