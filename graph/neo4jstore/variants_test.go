package neo4jstore

import "testing"

func TestSkeleton(t *testing.T) {
	tests := []struct{ a, b string }{
		{"hizballah", "hezbollah"},
		{"hizbullah", "hezbollah"},
		{"hizbollah", "hezbollah"},
		{"qods", "quds"},
		{"assad", "asad"},
		{"qaddafi", "kadafi"},
		{"mohammed", "muhammad"},
		{"yousef", "yusuf"},
	}
	for _, tc := range tests {
		if skeleton(tc.a) != skeleton(tc.b) {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q: want equal", tc.a, skeleton(tc.a), tc.b, skeleton(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{{"iran", "iraq"}, {"syria", "serbia"}, {"komid", "kom"}, {"hamas", "hezbollah"}} {
		if skeleton(tc.a) == skeleton(tc.b) {
			t.Errorf("skeleton(%q) = skeleton(%q) = %q: want different", tc.a, tc.b, skeleton(tc.a))
		}
	}
}

func TestVariantOf(t *testing.T) {
	tests := []struct {
		query string
		name  string
		want  bool
	}{
		{"Hizballah", "Hezbollah", true},
		{"Qods Force", "IRGC Quds Force", true},
		{"al-Assad", "Assad", true},
		{"Assad", "Bashar al-Assad", true},
		{"Hizbal", "Hezbollah", true}, // still typing (the index finds whole words only)
		{"komi", "Kom", false},        // short skeletons must be spelled alike
		{"kom", "KOMID", true},
		{"Hi", "Hezbollah", false}, // too short to be a prefix skeleton
		{"Iraq", "Iran", false},
		{"Qods Force", "Quds Brigade", false},
		{"", "Iran", false},
	}
	for _, tc := range tests {
		if got := variantOf(queryTerms(tc.query), tc.name); got != tc.want {
			t.Errorf("variantOf(%q, %q) = %v, want %v", tc.query, tc.name, got, tc.want)
		}
	}
}

func TestFuzzyQuery(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"Hizballah", "+(hizballah~2 hizballah*)"},
		{"Qods Force", "+qods~1 +(force~1 force*)"},
		{"al-Assad", "+(assad~1 assad*)"},
		{"KOM", ""}, // nothing long enough to vary
		{"al", ""},  // an article alone is kept, and short
		{"IRGC QF", "+irgc~1 +qf*"},
	}
	for _, tc := range tests {
		if got := fuzzyQuery(queryTerms(tc.text)); got != tc.want {
			t.Errorf("fuzzyQuery(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
