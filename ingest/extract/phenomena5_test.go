package extract

import (
	"testing"

	"github.com/nexus-graph/nexus/graph"
)

// TestPhenomenonRules5 covers rules added by linguistic phenomenon after
// the blind5 round. Sentences and names are invented for the test and do
// not occur in testdata/blind5.
func TestPhenomenonRules5(t *testing.T) {
	type want = ruleExpect
	cases := []ruleCase{
		{"short form in parentheses is an alias, not a place named by its cue",
			"Kestrel Bay Shipping Limited (Kestrel Bay) operates tankers. Kestrel Bay bought a tanker.",
			[]want{{"Kestrel Bay Shipping Limited", "", ""}}, []want{{"Kestrel Bay", "", ""}}},
		{"a state's long form defines the state's acronym",
			"Goods went to the Lao People's Democratic Republic (Lao PDR) in May. The Lao PDR paid.",
			nil, []want{{"Lao People's Democratic Republic", "", ""}}},
		{"a legal instrument's long form is not an entity",
			"The Ministry acted under Executive Order (E.O.) 14024.",
			nil, []want{{"Executive Order", "", ""}}},
		{"a defined unit name beats the shorter gazetteer name",
			"The Islamic Revolutionary Guard Corps Ground Forces (IRGC GF) guard the border. The IRGC GF seized the MV Tarlan Star.",
			[]want{{"Islamic Revolutionary Guard Corps Ground Forces", graph.Intercepted, "Tarlan Star"}}, nil},
		{"a city opening an organisation's name",
			"Ufa Precision Works supplied gyroscopes to the army.",
			[]want{{"Ufa Precision Works", "", ""}}, nil},
		{"designation far from its authority keeps the authority",
			"Canada designated Tarn Holdings on Monday. Tarn Holdings ships oil. It uses tankers. " +
				"They sail at night. The tankers avoid ports. The oil goes east. Buyers pay in cash. " +
				"The cash moves through banks. The banks are small. Some are in Dubai. Others are in Baku. " +
				"Dovra Trading and Igor Sarkov are also being designated for having assisted Tarn Holdings.",
			[]want{{"Canada", graph.Sanctioned, "Dovra Trading"}, {"Canada", graph.Sanctioned, "Igor Sarkov"}}, nil},
	}
	runRuleCases(t, cases)
}

// TestPhenomenonEntities5 covers the entity cues added after the blind5
// round (invented sentences).
func TestPhenomenonEntities5(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"an IMO number names a ship",
			"The tanker was seen beside the NORDIC HERON (IMO 9123456) in May.",
			[]want{{"Nordic Heron", "", ""}}, nil},
		{"a flag compound names a ship",
			"Oil went to the Togo-flagged SILVER DUNE last week.",
			[]want{{"Silver Dune", graph.LinkedTo, "Togo"}}, nil},
		{"a name, a dash and a ship noun",
			"SILVER DUNE — product tanker, built 2001.",
			[]want{{"Silver Dune", "", ""}}, nil},
		{"called after an organisation noun",
			"They used a shipping agent in Mersin called Toros Denizcilik.",
			[]want{{"Toros Denizcilik", "", ""}}, nil},
		{"named after a person noun",
			"Tamar Shipping is run by a man named Oleg Varin.",
			[]want{{"Oleg Varin", graph.Operates, "Tamar Shipping"}}, nil},
		{"an institution noun with of and a field",
			"The goods were booked for the Belarusian Ministry of Industry.",
			[]want{{"Belarusian Ministry of Industry", "", ""}}, nil},
		{"a titled surname elsewhere makes the full name a person",
			"Witnesses: Anil Sethi, a customs officer. Mr Sethi described the case.",
			[]want{{"Anil Sethi", "", ""}}, []want{{"Sethi", "", ""}}},
		{"millions of things are not money",
			"Pyongyang sent several million artillery shells to Russia.",
			[]want{{"North Korea", graph.Supplies, "Russia"}}, []want{{"North Korea", graph.Finances, "Russia"}}},
	})
}

// TestPhenomenonRelations5 covers relation readings added after the
// blind5 round (invented sentences).
func TestPhenomenonRelations5(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"the first words of an organisation named before",
			"Marrow Bay Ship Management LLC is based in Sharjah. Marrow Bay also manages the tanker NORTH WIND.",
			[]want{{"Marrow Bay Ship Management LLC", graph.Operates, "North Wind"}}, nil},
		{"a compound participle stays in the object phrase",
			"Lantern Shipping operates the Togo-flagged SILVER DUNE.",
			[]want{{"Lantern Shipping", graph.Operates, "Silver Dune"}, {"Silver Dune", graph.LinkedTo, "Togo"}}, nil},
		{"an industrial head noun in an apposition",
			"Harwick Valve Works, a British toolmaker, sold valves. Lumen Refining, a refinery in Rizhao, bought oil.",
			[]want{{"Harwick Valve Works", graph.LocatedIn, "United Kingdom"}, {"Lumen Refining", graph.LocatedIn, "Rizhao"}}, nil},
		{"a described name after a place",
			"Ostrov Systems sold pumps to a distributor in Izmir, Ege Makina Trading, in 2022.",
			[]want{{"Ostrov Systems", graph.Supplies, "Ege Makina Trading"}, {"Ege Makina Trading", graph.LocatedIn, "Izmir"}}, nil},
		{"a described name introduced by called",
			"The crates were booked by a freight forwarder in Murmansk called Sever Logistik.",
			[]want{{"Sever Logistik", graph.LocatedIn, "Murmansk"}}, nil},
		{"whose role names the relative clause's antecedent",
			"Cobalt Line Trading, a Riga-based trader whose managing director, Jonas Berzins, signs the contracts, ships fuel.",
			[]want{{"Jonas Berzins", graph.Leads, "Cobalt Line Trading"}}, nil},
		{"an organisation as registered owner of a ship",
			"The tanker GREY HERON left Basra. Ardent Marine Holdings, the registered owner of GREY HERON, is registered in Liberia.",
			[]want{{"Ardent Marine Holdings", graph.Operates, "Grey Heron"}}, nil},
		{"a witness line: name, role, organisation",
			"Witnesses: Dr Alma Ruiz, Senior Analyst, Brightline Conflict Research; Tom Baker.",
			[]want{{"Alma Ruiz", graph.MemberOf, "Brightline Conflict Research"}}, nil},
		{"a legal form after a comma belongs to the name",
			"Ningbo Hexin Electronics Co., Ltd. (Ningbo Hexin) sold chips. Ningbo Hexin is designated today.",
			[]want{{"Ningbo Hexin Electronics Co., Ltd.", "", ""}}, []want{{"Ningbo Hexin", "", ""}}},
		{"money sent from someone is financing",
			"Payments from Kolvo Systems were routed through Dubai and then remitted to Varna Trading.",
			[]want{{"Kolvo Systems", graph.Finances, "Varna Trading"}}, []want{{"Kolvo Systems", graph.Supplies, "Varna Trading"}}},
		{"a support noun modifying goods is goods",
			"Iran supplies the Houthis with guidance kits.",
			[]want{{"Iran", graph.Supplies, "Houthis"}}, nil},
	})
}

// TestPhenomenonPronouns5 covers subject pronouns that stand for an
// organisation or a ship (invented sentences).
func TestPhenomenonPronouns5(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"they after a question about a company",
			"Dravik Industries? They sold engines to Orlan Trading.",
			[]want{{"Dravik Industries", graph.Supplies, "Orlan Trading"}}, nil},
		{"it opening the next sentence",
			"Dravik Industries is a small firm in Minsk. It sold engines to Orlan Trading.",
			[]want{{"Dravik Industries", graph.Supplies, "Orlan Trading"}}, nil},
		{"she for a ship after a time adverbial",
			"The tanker Grey Heron left Basra in May. On 3 June she transferred oil to the tanker Silver Dune.",
			[]want{{"Grey Heron", graph.Supplies, "Silver Dune"}}, nil},
		{"she for a person when a person was named last",
			"The tanker Grey Heron left Basra. Anna Petrova runs Dravik Industries. She sold engines to Orlan Trading.",
			[]want{{"Anna Petrova", graph.Supplies, "Orlan Trading"}}, []want{{"Grey Heron", graph.Supplies, "Orlan Trading"}}},
		{"it inside a parenthetical is not the previous topic",
			"Dravik Industries sold lathes to Orlan Trading. The Perm plant — it makes shell casings — paid Orlan Trading.",
			nil, []want{{"Dravik Industries", graph.Produces, "ammunition"}}},
	})
}

// TestPhenomenonRules7 covers readings added after the blind7 round
// (invented sentences, none from testdata/blind7).
func TestPhenomenonRules7(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"a quoted name is a name",
			`The drones are made by "Vitrolux", a Brest outfit.`,
			[]want{{"Vitrolux", graph.Produces, "drones"}}, nil},
		{"a quoted short form stays an alias",
			`Orion Marine Services LLC ("Orion") is based in Malta. Orion shipped rifles to Libya.`,
			[]want{{"Orion Marine Services LLC", graph.Supplies, "Libya"}}, []want{{"Orion", "", ""}}},
		{"it's is it is",
			"Tana River Traders ships cargo. It's run by a man named Abdi Warsame.",
			[]want{{"Abdi Warsame", graph.Operates, "Tana River Traders"}}, nil},
		{"an organisation's organisation is a part of it",
			"The money came from Hezbollah's Jihad Council.",
			[]want{{"Jihad Council", graph.PartOf, "Hezbollah"}}, nil},
		{"a place modifying a company noun",
			"Marzan Sea Trading, a Bandar Lengeh company, owns the dhow.",
			[]want{{"Marzan Sea Trading", graph.LocatedIn, "Bandar Lengeh"}}, nil},
		{"belong to",
			"The MV Sea Lark belongs to Marzan Sea Trading.",
			[]want{{"Marzan Sea Trading", graph.Operates, "Sea Lark"}}, nil},
		{"at war with",
			"Eritrea was at war with Ethiopia.",
			[]want{{"Eritrea", graph.Opposes, "Ethiopia"}}, nil},
		{"a purchase by a buyer from a seller",
			"The first purchase of rotor blades by Salween Trading from Kazan Rotor Works came in 2020.",
			[]want{{"Kazan Rotor Works", graph.Supplies, "Salween Trading"}}, nil},
		{"a flag in parentheses",
			"The fuel was loaded aboard the tanker Sea Orchid (Togo flag) in May.",
			[]want{{"Sea Orchid", graph.LinkedTo, "Togo"}}, nil},
		{"described as a functional director",
			"Ivan Morozov is described in company filings as Kolvo Metals's technical director.",
			[]want{{"Ivan Morozov", graph.MemberOf, "Kolvo Metals"}}, []want{{"Ivan Morozov", graph.Leads, "Kolvo Metals"}}},
		{"a trading house in a city and country, named",
			`Vitrolux Systems sold sights to a trading house in Almaty, Kazakhstan, "Steppe Trade House".`,
			[]want{{"Vitrolux Systems", graph.Supplies, "Steppe Trade House"}, {"Steppe Trade House", graph.LocatedIn, "Almaty"}}, nil},
		{"a sentence-initial it after a described name",
			"A company in Kismayo called Juba Coast Traders. It's run by a man named Abdi Warsame.",
			[]want{{"Abdi Warsame", graph.Operates, "Juba Coast Traders"}}, nil},
		{"it after a short answer keeps the question's topic",
			"Was Vitrolux Systems state-owned? Yes and no. It's a subsidiary of Nieman Holding.",
			[]want{{"Vitrolux Systems", graph.PartOf, "Nieman Holding"}}, nil},
		{"it does not pick an organisation from a prepositional phrase",
			"That company booked the cargo on behalf of the Russian Ministry of Defence. It's run by a man named Oleg Varin.",
			nil, []want{{"Oleg Varin", graph.Operates, "Russian Ministry of Defence"}}},
		{"which is a place outfit",
			`The sights are made by "Vitrolux", which is a Gomel outfit.`,
			[]want{{"Vitrolux", graph.LocatedIn, "Gomel"}}, nil},
		{"a role after a semicolon belongs to the sentence's organisation",
			"2019 – Salween Star Trading incorporated in Mandalay; sole director U Tin Aung, a retired colonel",
			[]want{{"U Tin Aung", graph.Leads, "Salween Star Trading"}}, nil},
		{"devices called units are goods, not troops",
			"Linqing Avionics delivers navigation units to Salween Star Trading.",
			[]want{{"Linqing Avionics", graph.Supplies, "Salween Star Trading"}}, nil},
		{"a senior commander is a member",
			"Majid Rostami, a senior commander in the Quds Force, was listed.",
			[]want{{"Majid Rostami", graph.MemberOf, "Quds Force"}}, []want{{"Majid Rostami", graph.Leads, "Quds Force"}}},
		{"a relative clause between the patient and its passive verb",
			"Kolvo Metals is an exporter. A Russian national, Ivan Morozov, who is described in Sudanese records as Kolvo Metals's technical director, was sanctioned by the United States in 2023.",
			[]want{{"Ivan Morozov", graph.MemberOf, "Kolvo Metals"}, {"United States", graph.Sanctioned, "Ivan Morozov"}}, []want{{"United States", graph.Sanctioned, "Sudan"}}},
		{"a place modifying an apposed company noun",
			"The gold was consigned to Gulfstar Bullion, a Dubai refinery.",
			[]want{{"Gulfstar Bullion", graph.LocatedIn, "Dubai"}}, nil},
		{"a lower-case place noun after a name",
			"The Tatmadaw air strike on Pa Zi Gyi village killed many.",
			[]want{{"Tatmadaw", graph.Attacked, "Pa Zi Gyi"}}, nil},
	})
}

// TestPhenomenonRules6 covers readings added when blind set 6 became a
// development set (invented sentences, none from testdata/blind6).
func TestPhenomenonRules6(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"a copula with an organisation noun types a cue-less name",
			"Tervala Aerotek is a Tabriz-based maker of composite parts.",
			[]want{{"Tervala Aerotek", graph.LocatedIn, "Tabriz"}}, nil},
		{"the first word of a two-word organisation name",
			"Orlovsk Machinery makes drones. Orlovsk's purchase of sensors from Vostrel Optics grew.",
			[]want{{"Vostrel Optics", graph.Supplies, "Orlovsk Machinery"}}, nil},
		{"a role label with a colon",
			"Managing director: Aung Kyaw Moe",
			[]want{{"Aung Kyaw Moe", "", ""}}, nil},
		{"a flag compound apposed to a ship's name",
			"We watched the Saimaa Bay, Togo-flagged and operated by a company called Nordic Feeder Lines.",
			[]want{{"Saimaa Bay", graph.LinkedTo, "Togo"}, {"Nordic Feeder Lines", graph.Operates, "Saimaa Bay"}}, nil},
		{"added to a sanctions list, passive",
			"Orlovsk Machinery was added to the European Union's sanctions list in 2024.",
			[]want{{"European Union", graph.Sanctioned, "Orlovsk Machinery"}}, nil},
		{"put on the Entity List",
			`Washington put "Pskovtron" on the Entity List.`,
			[]want{{"United States", graph.Sanctioned, "Pskovtron"}}, nil},
		{"acting for",
			`They paid through "Gulfmere Capital", an exchange house in Dubai, which was acting for Steppe Trading.`,
			[]want{{"Gulfmere Capital", graph.Supports, "Steppe Trading"}}, nil},
		{"aircraft named by an item are not troops",
			"Russia delivered two Su-30SME fighters to the Myanmar Air Force.",
			[]want{{"Russia", graph.Supplies, "Myanmar Air Force"}}, nil},
		{"a seat in parentheses",
			"Lotus Reach Shipping Pte Ltd (Singapore) manages the ship.",
			[]want{{"Lotus Reach Shipping Pte Ltd", graph.LocatedIn, "Singapore"}}, nil},
		{"a flag noun after a state in a ship's line",
			"MV Salween Lark – general cargo, built 1998; Sierra Leone flag",
			[]want{{"Salween Lark", graph.LinkedTo, "Sierra Leone"}}, nil},
		{"which is a maker in a place",
			`"Pskovtron", which is a radio manufacturer in Pskov, makes radios.`,
			[]want{{"Pskovtron", graph.LocatedIn, "Pskov"}}, nil},
		{"a legal form after a comma inside an acronym definition",
			"Salween Aero Trading Co., Ltd. (SAT) is a firm. OFAC designates SAT.",
			[]want{{"Office of Foreign Assets Control", graph.Sanctioned, "Salween Aero Trading Co., Ltd."}}, nil},
		{"an amount after an -s verb keeps it a verb",
			"Kanaung Bank (KB) is private. Volga Export (VE) sells parts. KB transfers approx. USD 14 million to VE.",
			[]want{{"Kanaung Bank", graph.Finances, "Volga Export"}}, []want{{"Kanaung Bank", graph.Supplies, "Volga Export"}}},
		{"the origin of a delivery supplies the recipient",
			"The MV Salween Lark delivers overhauled helicopters from Orsha Repair Works to the Myanmar Air Force.",
			[]want{{"Orsha Repair Works", graph.Supplies, "Myanmar Air Force"}}, nil},
		{"clauses of a fact-sheet line are about its head",
			"- Orsha Repair Works (ORW) – overhaul facility, Orsha, Belarus; subsidiary of the State Authority for Military Industry (SAMI).\n- Salween Council (SC) – ruling body; chaired by Senior General Aung Min.\n- Salween Aero (SA) – importer; SC's sole authorised supplier of spares since 2019.",
			[]want{{"Orsha Repair Works", graph.PartOf, "State Authority for Military Industry"}, {"Aung Min", graph.Leads, "Salween Council"}, {"Salween Aero", graph.Supplies, "Salween Council"}}, nil},
		{"field lines after a record's head line",
			"- Salween Aero (SA) – importer. Managing director: Tin Maung Oo.\n\nGREY HERON — crude oil tanker, built 2004. Flag: Togo. Registered owner: Harrow Maritime Inc. Commercial manager: Seabright Ship Management LLC.",
			[]want{{"Tin Maung Oo", graph.Leads, "Salween Aero"}, {"Grey Heron", graph.LinkedTo, "Togo"}, {"Harrow Maritime Inc.", graph.Operates, "Grey Heron"}, {"Seabright Ship Management LLC", graph.Operates, "Grey Heron"}}, nil},
		{"agents of a state act for it",
			"Turkish customs officers seized the shipment from Kolvo Systems. Russian forces attacked Kharkiv.",
			[]want{{"Russia", graph.Attacked, "Kharkiv"}}, nil},
		{"family ties past a title",
			"Samir Haddad, the brother of Syrian businessman Karim Haddad, runs the firm.",
			[]want{{"Samir Haddad", graph.LinkedTo, "Karim Haddad"}}, nil},
		{"a noun trigger's source apposed before it",
			"Pars Aviation Services, a key backer of Hezbollah, paid the crews.",
			[]want{{"Pars Aviation Services", graph.Supports, "Hezbollah"}}, nil},
		{"an organisation's operation is part of it",
			"The European Union's Operation Sentinel inspected the ship.",
			[]want{{"Operation Sentinel", graph.PartOf, "European Union"}}, nil},
		{"a ship noun in an apposition types the name before a given-name reading",
			"Cargo moved on the Golnar Wave, an Iranian-flagged general cargo ship managed by Pelorus Caspian Lines.",
			[]want{{"Pelorus Caspian Lines", graph.Operates, "Golnar Wave"}, {"Golnar Wave", graph.LinkedTo, "Iran"}}, nil},
		{"a pronoun after a fronted adverbial",
			`Routa Elektronik is a small firm. On paper they were selling to a trading house called "Steppe Trade".`,
			[]want{{"Routa Elektronik", graph.Supplies, "Steppe Trade"}}, nil},
	})
}

// TestPhenomenonRules8 covers readings added after blind set 8's held-out
// run (invented sentences, none from testdata/blind8).
func TestPhenomenonRules8(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"foreign legal forms end organisation names",
			"Morava Trade d.o.o. sold rifles to Kestrel Air SARL.",
			[]want{{"Morava Trade d.o.o.", graph.Supplies, "Kestrel Air SARL"}}, nil},
		{"a city after a capitalised word is part of a ship's name",
			"The cargo sailed aboard the vessel Halcyon Burgas (IMO 9381400) in May.",
			[]want{{"Halcyon Burgas", "", ""}}, []want{{"Burgas", "", ""}}},
		{"an IMO number after a comma",
			"The ship: NORTH ENDURANCE, IMO 9460700. Ro-ro, Russian flag.",
			[]want{{"North Endurance", graph.LinkedTo, "Russia"}}, nil},
		{"names do not run across line breaks",
			"(Signed) Anna Kowalska\nCoordinator\nPanel of Experts on Libya",
			[]want{{"Anna Kowalska", "", ""}}, nil},
		{"infobox fields below a title line",
			"Morava Trade d.o.o.\nType: Private limited company\nFounder: Zoran Markovic\nHeadquarters: Belgrade, Serbia\nKey people: Zoran Markovic (director); Ana Petrovic (finance director)\nSubsidiaries: Morava Air Cargo EOOD (Bulgaria)\n",
			[]want{{"Zoran Markovic", graph.Leads, "Morava Trade d.o.o."}, {"Ana Petrovic", graph.MemberOf, "Morava Trade d.o.o."},
				{"Morava Air Cargo EOOD", graph.PartOf, "Morava Trade d.o.o."}, {"Morava Trade d.o.o.", graph.LocatedIn, "Serbia"}}, nil},
		{"acting for after an apposed firm",
			"The rifles went through Lake Crest Procurement, a Kampala firm acting for South Sudan's Ministry of Defence.",
			[]want{{"Lake Crest Procurement", graph.Supports, "Ministry of Defence"}}, nil},
		{"an address after a name",
			"Registered owner: Kronvik Shipping LLC, St Petersburg.",
			[]want{{"Kronvik Shipping LLC", graph.LocatedIn, "St Petersburg"}}, nil},
		{"a hyphenated business noun in an apposition",
			"Tamarisk Exchange, a money-service business in Bamako, moved the cash.",
			[]want{{"Tamarisk Exchange", graph.LocatedIn, "Mali"}}, nil},
		{"a compound title apposed to a name",
			"Hassan Zeid, a senior Hizballah finance official, met them.",
			[]want{{"Hassan Zeid", graph.MemberOf, "Hezbollah"}}, nil},
		{"reports to",
			"The Africa Corps reports to Yunus-Bek Yevkurov, a deputy defence minister.",
			[]want{{"Yunus-Bek Yevkurov", graph.Leads, "Africa Corps"}}, nil},
		{"an inverted copula names the role holder",
			"The director of Kronvik Shipping is Denis Orlov.",
			[]want{{"Denis Orlov", graph.Leads, "Kronvik Shipping"}}, nil},
		{"struck off a register is not an attack",
			"Bulgarian authorities struck Morava Air Cargo off the commercial register.",
			nil, []want{{"Bulgaria", graph.Attacked, "Morava Air Cargo"}}},
	})
}

// TestPhenomenonRules9 covers readings added after blind set 9's held-out
// run (invented sentences, none from testdata/blind9).
func TestPhenomenonRules9(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"a legal-form prefix names an organisation",
			"OOO Volna-Komplekt acted as a purchasing agent for NPP Almaz-Signal.",
			[]want{{"OOO Volna-Komplekt", graph.Supplies, "NPP Almaz-Signal"}}, nil},
		{"an adjective before a demonym in an organisation's name",
			"The tanker Sea Pearl is owned by the National Iranian Oil Tanker Company.",
			[]want{{"National Iranian Oil Tanker Company", graph.Operates, "Sea Pearl"}}, nil},
		{"a ship that flies a flag",
			"The Selene Dart, which flies the flag of Togo, loaded at Kharg Island.",
			[]want{{"Selene Dart", graph.LinkedTo, "Togo"}}, nil},
		{"a name completing an inverted role copula",
			"Kestrel Reef Shipping manages the tanker. Its sole director is Azman Karim.",
			[]want{{"Azman Karim", "", ""}}, nil},
		{"an apposed firm based in a place",
			"Tidewater Maritime Intelligence, a Singapore-based firm, tracked the ship.",
			[]want{{"Tidewater Maritime Intelligence", graph.LocatedIn, "Singapore"}}, nil},
		{"an embargo is a sanction",
			"The Security Council imposed an arms embargo on Eritrea.",
			[]want{{"UN Security Council", graph.Sanctioned, "Eritrea"}}, nil},
		{"a possessive role after a determiner",
			"Clara Venn, the UN Office on Drugs and Crime's regional representative, spoke.",
			[]want{{"Clara Venn", graph.MemberOf, "UN Office on Drugs and Crime"}}, nil},
		{"a predicate nominal's relative clause is about the subject",
			`OOO Volna-Komplekt ("Volna") was a Moscow-based company that acted as a purchasing agent for NPP Almaz-Signal ("Almaz"), a Perm manufacturer of radars.`,
			[]want{{"OOO Volna-Komplekt", graph.Supplies, "NPP Almaz-Signal"}, {"NPP Almaz-Signal", graph.LocatedIn, "Perm"}}, []want{{"Russia", graph.Supplies, "NPP Almaz-Signal"}}},
		{"an item word closing an organisation's name",
			"The rifles bore the markings of Drina Arms, the Serbian state manufacturer.",
			[]want{{"Drina Arms", graph.LocatedIn, "Serbia"}}, nil},
		{"its and her roles opening a sentence",
			"The tanker Selene Dart flies the flag of Togo. Her commercial manager is Kestrel Reef Shipping. Kestrel Reef Shipping is registered in Labuan. Its sole director is Azman Karim.",
			[]want{{"Kestrel Reef Shipping", graph.Operates, "Selene Dart"}, {"Azman Karim", graph.Leads, "Kestrel Reef Shipping"}}, nil},
		{"news-agency credit lines are not names",
			"Rifles were seized in Dakar.\n\n(Reporting by Awa Diop in Dakar; Editing by Mark Heller)",
			nil, []want{{"Awa Diop", "", ""}, {"Mark Heller", "", ""}}},
		{"dollar amounts are money",
			"Volna Trading wired approximately $612,000 to Harbourlight Electronics Limited.",
			[]want{{"Volna Trading", graph.Finances, "Harbourlight Electronics Limited"}}, nil},
	})
}

// TestPhenomenonRules10 covers readings added after blind set 10's
// held-out run (invented sentences, none from testdata/blind10).
func TestPhenomenonRules10(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"numbered subject records in a dossier",
			"Subject 1: Pavel Igorevich ORLOV\nDOB: 11.04.1979\nRole: General director of Nubia Gold Mining Co. Ltd since 2019.\n\nSubject 2: Nubia Gold Mining Co. Ltd\nRegistered: Khartoum, 2018.\nOwnership: a wholly owned subsidiary of Volga Minerals LLC, St Petersburg.\n",
			[]want{{"Pavel Igorevich Orlov", graph.Leads, "Nubia Gold Mining Co. Ltd"}, {"Nubia Gold Mining Co. Ltd", graph.PartOf, "Volga Minerals LLC"}, {"Nubia Gold Mining Co. Ltd", graph.LocatedIn, "Sudan"}}, nil},
		{"an equals sign in notes is a copula",
			"Valletta Seaways Ltd (VSL) ordered pumps. VSL = Malta-registered trader, new account.",
			[]want{{"Valletta Seaways Ltd", graph.LocatedIn, "Malta"}}, nil},
		{"a seat on a board",
			"Ridha Mansour also sits on the Cyrenaica Marine Services board.",
			[]want{{"Ridha Mansour", graph.MemberOf, "Cyrenaica Marine Services"}}, nil},
		{"arming someone is supplying them",
			"Tehran is arming the Houthi militia. Moscow has armed the junta's air force for years.",
			[]want{{"Iran", graph.Supplies, "Houthis"}}, []want{{"Iran", graph.Supports, "Houthis"}}},
		{"a place inside an apposed company noun phrase",
			"Vardalink Trade, a small Yerevan company, bought chips.",
			[]want{{"Vardalink Trade", graph.LocatedIn, "Armenia"}}, nil},
		{"a ship named after a city",
			"The refit is for the crew boat TOBRUK STAR (Togo flag).",
			[]want{{"Tobruk Star", graph.LinkedTo, "Togo"}}, nil},
	})
}

// TestPhenomenonRules11 covers readings added in the session that wrote
// blind set 11 (invented sentences; blind11 stayed held out meanwhile).
func TestPhenomenonRules11(t *testing.T) {
	type want = ruleExpect
	runRuleCases(t, []ruleCase{
		{"a gerund modifier inside a place-modified company noun",
			"Orlov Metals, a Minsk trading house, sold steel to Iran.",
			[]want{{"Orlov Metals", graph.LocatedIn, "Belarus"}, {"Orlov Metals", graph.Supplies, "Iran"}}, nil},
		{"a place-modified noun phrase with the name apposed after it",
			"The parts came from an Iranian manufacturer, Sepahan Tooling Group.",
			[]want{{"Sepahan Tooling Group", graph.LocatedIn, "Iran"}}, nil},
		{"a place-modified noun phrase with called",
			"Weapons are flowing through a Sharjah company called Qamar Bay Trading.",
			[]want{{"Qamar Bay Trading", graph.LocatedIn, "Sharjah"}}, nil},
		{"a person apposed to a demonym noun phrase is not located by this rule",
			"They met an Iranian official, Ali Karimi, in May.",
			nil, []want{{"Ali Karimi", graph.LocatedIn, "Iran"}}},
		{"a company works for a client, a person for an employer",
			"Kestrel Air Freight worked for the Quds Force. Omar Haddad worked for Kestrel Air Freight.",
			[]want{{"Kestrel Air Freight", graph.Supports, "Quds Force"}, {"Omar Haddad", graph.MemberOf, "Kestrel Air Freight"}},
			[]want{{"Kestrel Air Freight", graph.MemberOf, "Quds Force"}}},
		{"acting as an agent for a client is not read as acting for it",
			"Sever Trade acted as a purchasing agent for Lazur Instruments.",
			nil, []want{{"Sever Trade", graph.Supports, "Lazur Instruments"}}},
		{"the object of accuse is the subject of the gerund",
			"Prosecutors accuse Kestrel Air Freight of working for the Quds Force. Washington has long accused Tehran of arming the Houthis.",
			[]want{{"Kestrel Air Freight", graph.Supports, "Quds Force"}, {"Iran", graph.Supplies, "Houthis"}}, nil},
		{"directs is a leader's verb",
			"Omar Haddad also directs Kestrel Air Freight.",
			[]want{{"Omar Haddad", graph.Leads, "Kestrel Air Freight"}}, nil},
		{"a state belongs to a bloc, a ship to its owner",
			"Armenia belongs to the Collective Security Treaty Organization. The tanker Sea Lion belongs to Kestrel Air Freight.",
			[]want{{"Armenia", graph.MemberOf, "Collective Security Treaty Organization"}, {"Kestrel Air Freight", graph.Operates, "Sea Lion"}},
			[]want{{"Collective Security Treaty Organization", graph.Operates, "Armenia"}}},
		{"both and the two refer to the pair named before",
			"Armenia and Kazakhstan are neighbours. Both belong to the Collective Security Treaty Organization. " +
				"Kestrel Air Freight and Orlov Metals were named. The two companies sold rifles to the Houthis. Both were later sanctioned by the European Union.",
			[]want{{"Armenia", graph.MemberOf, "Collective Security Treaty Organization"}, {"Kazakhstan", graph.MemberOf, "Collective Security Treaty Organization"},
				{"Kestrel Air Freight", graph.Supplies, "Houthis"}, {"Orlov Metals", graph.Supplies, "Houthis"},
				{"European Union", graph.Sanctioned, "Kestrel Air Freight"}, {"European Union", graph.Sanctioned, "Orlov Metals"}}, nil},
		{"two cued company names joined by and are two names",
			"Kestrel Air Freight and Orlov Metals sold rifles. The Ministry of Industry and Trade bought them.",
			[]want{{"Kestrel Air Freight", "", ""}, {"Orlov Metals", "", ""}, {"Ministry of Industry and Trade", "", ""}},
			[]want{{"Kestrel Air Freight and Orlov Metals", "", ""}}},
		{"that company refers back like the company",
			"The parts came from an Iranian manufacturer, Sepahan Tooling Group. The US accuses that company of working for the Quds Force.",
			[]want{{"Sepahan Tooling Group", graph.Supports, "Quds Force"}}, nil},
	})
}
