package nlp

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text string
		max        int
		want       []string
	}{
		{"short", "One paragraph.", 100, []string{"One paragraph."}},
		{"paragraphs", "Aaaa aaaa.\n\nBbbb bbbb.\n\nCccc.", 14, []string{"Aaaa aaaa.\n\n", "Bbbb bbbb.\n\n", "Cccc."}},
		{"lines", "Aaaa aaaa.\nBbbb bbbb.\nCccc.", 13, []string{"Aaaa aaaa.\n", "Bbbb bbbb.\n", "Cccc."}},
		{"sentences", "Aaa aa. Bbb bb. Ccc.", 10, []string{"Aaa aa. ", "Bbb bb. ", "Ccc."}},
		{"no break", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"runes not bytes", "ééé ééé ééé", 8, []string{"ééé ééé ", "ééé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := split(3, tt.text, tt.max)
			var got []string
			runeOff, byteOff := 0, 0
			for _, p := range ps {
				got = append(got, p.text)
				if p.doc != 3 || p.runeOff != runeOff || p.byteOff != byteOff || p.runes != utf8.RuneCountInString(p.text) || p.runes > tt.max {
					t.Errorf("piece %+v at rune %d byte %d", p, runeOff, byteOff)
				}
				runeOff += p.runes
				byteOff += len(p.text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("split = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuilder(t *testing.T) {
	const text = "Qods — Iran."
	good := `{"tokens":[[0,4,"","PROPN","NNP","nsubj",2,"B","ORG"],[5,6,"","PUNCT",":","punct",2,"O",""],` +
		`[7,11,"","PROPN","NNP","ROOT",2,"B","GPE"],[11,12,"","PUNCT",".","punct",2,"O",""]],` +
		`"sents":[[0,4]],"ents":[[0,4,"ORG",0,1],[7,11,"GPE",2,3]]}`
	tests := []struct {
		name, wire, err string
	}{
		{"good", good, ""},
		{"token past the end", strings.Replace(good, "[11,12,", "[11,13,", 1), "outside the text"},
		{"tokens overlap", strings.Replace(good, "[5,6,", "[3,6,", 1), "goes back"},
		{"head out of range", strings.Replace(good, `"ROOT",2`, `"ROOT",9`, 1), "head 9"},
		{"sentences leave a gap", strings.Replace(good, `[[0,4]]`, `[[0,3]]`, 1), "cover 3 of 4"},
		{"entity off its tokens", strings.Replace(good, `[7,11,"GPE"`, `[6,11,"GPE"`, 1), "does not match"},
		{"short token", strings.Replace(good, `[0,4,"","PROPN","NNP","nsubj",2,"B","ORG"]`, `[0,4,"","PROPN"]`, 1), "4 fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w wireDoc
			err := json.Unmarshal([]byte(tt.wire), &w)
			if err == nil {
				b := newBuilder(text, map[string]string{})
				err = b.add(piece{text: text, runes: utf8.RuneCountInString(text)}, &w)
				if err == nil && tt.err == "" {
					d := b.doc
					if d.Tokens[2].Text != "Iran" || d.Tokens[2].ByteStart != 9 || d.Tokens[2].Start != 7 || d.Tokens[2].Lemma != "Iran" {
						t.Errorf("token 2 = %+v", d.Tokens[2])
					}
					if d.Ents[1].Text != "Iran" || d.Sents[0].Text != text || d.Root(0) != 2 {
						t.Errorf("ents %+v sents %+v", d.Ents, d.Sents)
					}
					if got := d.Children(2); len(got) != 3 {
						t.Errorf("Children(2) = %v", got)
					}
				}
			}
			switch {
			case tt.err == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
}

// FuzzSplit checks that the pieces of any text cover it exactly, in order,
// each non-empty and within the limit.
func FuzzSplit(f *testing.F) {
	f.Add("Aaaa aaaa.\n\nBbbb bbbb.\n\nCccc.", 14)
	f.Add("ééé ééé ééé", 3)
	f.Add("\xff\xfe broken \xc3 utf-8\n\n", 2)
	f.Fuzz(func(t *testing.T, text string, n int) {
		limit := 1 + int(uint(n)%64)
		var b strings.Builder
		runeOff, byteOff := 0, 0
		for _, p := range split(0, text, limit) {
			if p.runeOff != runeOff || p.byteOff != byteOff || p.runes != utf8.RuneCountInString(p.text) {
				t.Fatalf("piece %+v at rune %d byte %d", p, runeOff, byteOff)
			}
			if p.runes > limit || (p.runes == 0 && text != "") {
				t.Fatalf("piece of %d runes, limit %d", p.runes, limit)
			}
			b.WriteString(p.text)
			runeOff += p.runes
			byteOff += len(p.text)
		}
		if b.String() != text {
			t.Fatalf("pieces join to %q, not %q", b.String(), text)
		}
	})
}
