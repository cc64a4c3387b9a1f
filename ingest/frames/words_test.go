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
	// Every class the shipped file has is one a reader uses (wordClass
	// panics at start-up on a class the file lacks).
	for name := range wordClasses {
		if !usedClasses[name] {
			t.Errorf("words.yaml class %q is used by no reader", name)
		}
	}
}
