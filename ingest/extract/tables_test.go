package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPipeTables: relations carried by table columns, read from the
// headers (invented tables).
func TestPipeTables(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"supplier and recipient columns, with the item and year",
			"Transfers seen by the team.\n\n| Supplier | Recipient | Item | Year |\n|---|---|---|---|\n" +
				"| Orlov Metals Ltd | Tagil Munitions Combine | machine tools | 2022 |\n| Sepahan Tooling Group | Houthis | drone engines | 2023 |\n",
			[]want{{"Orlov Metals Ltd", graph.Supplies, "Tagil Munitions Combine"}, {"Sepahan Tooling Group", graph.Supplies, "Houthis"}},
			[]want{{"Tagil Munitions Combine", graph.Supplies, "Orlov Metals Ltd"}}},
		{"a company's jurisdiction, owner and director",
			"| Counterparty | Jurisdiction | Beneficial owner | Director |\n| :--- | :--- | --- | --- |\n" +
				"| Kestrel Air Freight LLC | United Arab Emirates | Omar Haddad | Sami Nassar |\n",
			[]want{{"Kestrel Air Freight LLC", graph.LocatedIn, "United Arab Emirates"}, {"Omar Haddad", graph.Operates, "Kestrel Air Freight LLC"},
				{"Sami Nassar", graph.Leads, "Kestrel Air Freight LLC"}}, nil},
		{"a fleet list: flag, registered owner and manager of each ship",
			"| Vessel | Flag | Registered owner | Manager |\n|---|---|---|---|\n" +
				"| Sea Lantern | Togo | Kestrel Bay Shipping Ltd | Orion Ship Management LLC |\n| Amber Tide | Cameroon | Kestrel Bay Shipping Ltd | Orion Ship Management LLC |\n",
			[]want{{"Sea Lantern", graph.LinkedTo, "Togo"}, {"Amber Tide", graph.LinkedTo, "Cameroon"},
				{"Kestrel Bay Shipping Ltd", graph.Operates, "Sea Lantern"}, {"Orion Ship Management LLC", graph.Operates, "Amber Tide"}}, nil},
		{"ship names with numbers and former names; a seat after the owner",
			"No. | Ship (ex-name) | IMO No. | Flag | Registered owner | Manager\n1 | KESTREL DAWN 7 (ex AMBER SKY) | 9304514 | Togo | Orion Bay Shipping Ltd, Limassol | Halden Ship Management LLC\n",
			[]want{{"KESTREL DAWN 7", graph.LinkedTo, "Togo"}, {"Orion Bay Shipping Ltd", graph.Operates, "KESTREL DAWN 7"},
				{"Halden Ship Management LLC", graph.Operates, "KESTREL DAWN 7"}, {"Orion Bay Shipping Ltd", graph.LocatedIn, "Limassol"}},
			[]want{{"Limassol", graph.Operates, "KESTREL DAWN 7"}}},
		{"parents, subsidiaries and designations",
			"| Entity | Parent company | Subsidiaries | Sanctioned by |\n|---|---|---|---|\n" +
				"| Volga Minerals LLC | Ural Gold Holdings | Nubia Gold Company | United States |\n",
			[]want{{"Volga Minerals LLC", graph.PartOf, "Ural Gold Holdings"}, {"Nubia Gold Company", graph.PartOf, "Volga Minerals LLC"},
				{"United States", graph.Sanctioned, "Volga Minerals LLC"}}, nil},
		{"payments from a payer to a beneficiary",
			"| Date | Payer | Beneficiary | Amount |\n|---|---|---|---|\n| 3 May 2023 | Oka Commercial Bank | Karatau Trade House | USD 1.2 million |\n",
			[]want{{"Oka Commercial Bank", graph.Finances, "Karatau Trade House"}}, nil},
		{"columns without known roles carry no relations",
			"| Company | Remarks |\n|---|---|\n| Orlov Metals Ltd | Tagil Munitions Combine |\n",
			nil, []want{{"Orlov Metals Ltd", graph.Supplies, "Tagil Munitions Combine"}, {"Tagil Munitions Combine", graph.Supplies, "Orlov Metals Ltd"}}},
		{"a plain-text table: a header of known columns, no separator, no outer pipes",
			"Transfers:\n\nSupplier | Recipient | Item | Year\nOrlov Metals Ltd | Tagil Munitions Combine | machine tools | 2022\n",
			[]want{{"Orlov Metals Ltd", graph.Supplies, "Tagil Munitions Combine"}}, nil},
		{"a numbered plain-text table with a country-or-region column",
			"Entries added:\n\nNo. | Country or region | Company or organization | Type of concern\n101 | Belarus | Kestrel Optics LLC | Missile\n",
			[]want{{"Kestrel Optics LLC", graph.LocatedIn, "Belarus"}}, nil},
		{"a field table about one company",
			"| Field | Value |\n|---|---|\n| Name | Kestrel Air Freight LLC |\n| Registered in | Sharjah |\n| Beneficial owner | Omar Haddad |\n| Parent company | Orlov Metals Ltd |\n| Customers | Tagil Munitions Combine |\n",
			[]want{{"Kestrel Air Freight LLC", graph.LocatedIn, "Sharjah"}, {"Omar Haddad", graph.Operates, "Kestrel Air Freight LLC"},
				{"Kestrel Air Freight LLC", graph.PartOf, "Orlov Metals Ltd"}, {"Kestrel Air Freight LLC", graph.Supplies, "Tagil Munitions Combine"}}, nil},
		{"a field table whose header is its first field",
			"| Vessel | Sea Lantern |\n|---|---|\n| Flag | Togo |\n| Manager | Orion Ship Management LLC |\n",
			[]want{{"Sea Lantern", graph.LinkedTo, "Togo"}, {"Orion Ship Management LLC", graph.Operates, "Sea Lantern"}}, nil},
		{"labelled fields inside the cells of a listing table",
			"| | Name | Identifying information | Reasons |\n|---|---|---|---|\n| 1. | Kestrel Optics LLC | Address: Minsk, Belarus | Kestrel Optics LLC supplies thermal sights to the Russian Armed Forces. |\n",
			[]want{{"Kestrel Optics LLC", graph.LocatedIn, "Belarus"}, {"Kestrel Optics LLC", graph.Supplies, "Russian Armed Forces"}}, nil},
		{"pipes without a header separator are not a table",
			"Orlov Metals Ltd | Tagil Munitions Combine | machine tools\nSepahan Tooling Group | Houthis | drone engines\n",
			nil, []want{{"Orlov Metals Ltd", graph.Supplies, "Tagil Munitions Combine"}}},
	})
}

// TestPipeTableHelpers covers the header and row parsing.
func TestPipeTableHelpers(t *testing.T) {
	roles := []struct {
		header string
		want   colRole
	}{
		{"supplier", colSupplier}, {"end user", colRecipient}, {"registered owner", colOwner}, {"beneficial owner", colOwner},
		{"ship manager", colManager}, {"vessel (imo)", colSubject}, {"**flag**", colFlag}, {"country of registration", colPlace},
		{"remarks", colNone}, {"amount (usd)", colNone},
	}
	for _, tc := range roles {
		t.Run(tc.header, func(t *testing.T) {
			if got := roleOfHeader(tc.header); got != tc.want {
				t.Errorf("roleOfHeader(%q) = %d, want %d", tc.header, got, tc.want)
			}
		})
	}
	if !pipeSeparator("|---|:--:| ---: |") || pipeSeparator("| a | b |") || pipeSeparator("---") {
		t.Error("pipeSeparator misreads a separator line")
	}
	if got := pipeCells("| a | b c |  |"); len(got) != 3 || got[1] != "b c" || got[2] != "" {
		t.Errorf("pipeCells = %q", got)
	}
}
