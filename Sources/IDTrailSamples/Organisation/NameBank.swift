/// Made-up given and family names for the sample people: common names from many languages, a
/// few with accents and apostrophes so every writer's escaping is exercised.
///
/// Each entry is the display form and the ASCII form used in logins and email addresses.
enum NameBank {
  static let given: [(display: String, ascii: String)] = [
    ("Aaliyah", "aaliyah"), ("Adam", "adam"), ("Aiko", "aiko"), ("Akira", "akira"), ("Alba", "alba"),
    ("Aleksander", "aleksander"), ("Amara", "amara"), ("Amir", "amir"), ("Ana", "ana"),
    ("Anders", "anders"), ("Anika", "anika"), ("Arjun", "arjun"), ("Astrid", "astrid"),
    ("Ayşe", "ayse"), ("Ben", "ben"), ("Bianca", "bianca"), ("Björn", "bjorn"), ("Carla", "carla"),
    ("Chen", "chen"), ("Chidi", "chidi"), ("Chloé", "chloe"), ("Dana", "dana"), ("Daniel", "daniel"),
    ("Darius", "darius"), ("Diego", "diego"), ("Dmitri", "dmitri"), ("Elena", "elena"),
    ("Elif", "elif"), ("Emeka", "emeka"), ("Emma", "emma"), ("Erik", "erik"), ("Fatima", "fatima"),
    ("Felix", "felix"), ("Fiona", "fiona"), ("François", "francois"), ("Freya", "freya"),
    ("Gabriel", "gabriel"), ("Grace", "grace"), ("Hana", "hana"), ("Hannah", "hannah"),
    ("Hiroshi", "hiroshi"), ("Ibrahim", "ibrahim"), ("Ines", "ines"), ("Ingrid", "ingrid"),
    ("Isaac", "isaac"), ("Ivana", "ivana"), ("Jakub", "jakub"), ("Jamal", "jamal"), ("Jana", "jana"),
    ("Javier", "javier"), ("Jin", "jin"), ("João", "joao"), ("José", "jose"), ("Julia", "julia"),
    ("Kai", "kai"), ("Karim", "karim"), ("Keiko", "keiko"), ("Kofi", "kofi"), ("Lars", "lars"),
    ("Laura", "laura"), ("Leila", "leila"), ("Liam", "liam"), ("Lina", "lina"), ("Lucas", "lucas"),
    ("Luis", "luis"), ("Maja", "maja"), ("Malik", "malik"), ("Maria", "maria"), ("Mateo", "mateo"),
    ("Mei", "mei"), ("Mia", "mia"), ("Mikhail", "mikhail"), ("Nadia", "nadia"), ("Naveen", "naveen"),
    ("Nia", "nia"), ("Nils", "nils"), ("Noah", "noah"), ("Nora", "nora"), ("Olga", "olga"),
    ("Omar", "omar"), ("Oskar", "oskar"), ("Paula", "paula"), ("Pedro", "pedro"), ("Priya", "priya"),
    ("Rafael", "rafael"), ("Rania", "rania"), ("Ravi", "ravi"), ("Renée", "renee"), ("Rosa", "rosa"),
    ("Samir", "samir"), ("Sara", "sara"), ("Siobhán", "siobhan"), ("Sofia", "sofia"),
    ("Sven", "sven"), ("Tariq", "tariq"), ("Tomás", "tomas"), ("Uma", "uma"), ("Victor", "victor"),
    ("Wei", "wei"), ("Yara", "yara"), ("Yusuf", "yusuf"), ("Zainab", "zainab"), ("Zoë", "zoe"),
  ]

  static let family: [(display: String, ascii: String)] = [
    ("Abbott", "abbott"), ("Adeyemi", "adeyemi"), ("Ahmed", "ahmed"), ("Andersson", "andersson"),
    ("Bakker", "bakker"), ("Banerjee", "banerjee"), ("Becker", "becker"), ("Bergström", "bergstrom"),
    ("Brennan", "brennan"), ("Brown", "brown"), ("Castillo", "castillo"), ("Chowdhury", "chowdhury"),
    ("Costa", "costa"), ("Dąbrowski", "dabrowski"), ("Dubois", "dubois"), ("Eriksen", "eriksen"),
    ("Fernandes", "fernandes"), ("Fischer", "fischer"), ("García", "garcia"), ("Gonzalez", "gonzalez"),
    ("Gupta", "gupta"), ("Haddad", "haddad"), ("Hansen", "hansen"), ("Hashemi", "hashemi"),
    ("Hoffmann", "hoffmann"), ("Horvat", "horvat"), ("Ibarra", "ibarra"), ("Ito", "ito"),
    ("Ivanova", "ivanova"), ("Jansen", "jansen"), ("Jensen", "jensen"), ("Kaya", "kaya"),
    ("Kim", "kim"), ("Kowalski", "kowalski"), ("Kumar", "kumar"), ("Larsen", "larsen"),
    ("Laurent", "laurent"), ("Lee", "lee"), ("Lindqvist", "lindqvist"), ("Lopez", "lopez"),
    ("Mahmoud", "mahmoud"), ("Martin", "martin"), ("Mendes", "mendes"), ("Meyer", "meyer"),
    ("Moreau", "moreau"), ("Müller", "muller"), ("Murphy", "murphy"), ("Nakamura", "nakamura"),
    ("Nguyen", "nguyen"), ("Novak", "novak"), ("Nowak", "nowak"), ("Okafor", "okafor"),
    ("Olsen", "olsen"), ("O'Neill", "oneill"), ("Osei", "osei"), ("Park", "park"), ("Patel", "patel"),
    ("Pereira", "pereira"), ("Petrov", "petrov"), ("Popescu", "popescu"), ("Quinn", "quinn"),
    ("Rahman", "rahman"), ("Reyes", "reyes"), ("Rossi", "rossi"), ("Russo", "russo"),
    ("Saito", "saito"), ("Santos", "santos"), ("Schmidt", "schmidt"), ("Schneider", "schneider"),
    ("Sharma", "sharma"), ("Silva", "silva"), ("Singh", "singh"), ("Sokolov", "sokolov"),
    ("Suzuki", "suzuki"), ("Tanaka", "tanaka"), ("Taylor", "taylor"), ("Thomas", "thomas"),
    ("Torres", "torres"), ("Varga", "varga"), ("Virtanen", "virtanen"), ("Wagner", "wagner"),
    ("Walsh", "walsh"), ("Wang", "wang"), ("Weber", "weber"), ("Williams", "williams"),
    ("Wójcik", "wojcik"), ("Yamamoto", "yamamoto"), ("Yılmaz", "yilmaz"), ("Zhang", "zhang"),
    ("Zhou", "zhou"), ("Zimmermann", "zimmermann"),
  ]
}
