"""The words of an invented district council, Wyebridge: one vocabulary for the demo
(`directory.demo`, `manage.py seed_demo`) and the benchmark generator (`bench/generate/`).

Invented throughout; phone numbers are from Ofcom's drama ranges (01632 960xxx, 020 7946 0xxx),
or 101 and 111 for partners, so every one passes `directory.phones.phone_normalise`.

The demo council, hand-written:
- PARTNERS: other bodies the council signposts to (the demo has the first DEMO_PARTNERS, the
  benchmark as many as its scale asks for).
- AREAS: service area -> its details and teams; each team -> its details and topics. A topic line
  is "Name | synonyms; ... | keywords; ... | flags | adviser script (optional)"; flags:
  "p=<partner slug>" signposted to a partner, "online" can be done online, "internal" staff only.
  EXTRA_TOPICS: more topic lines by team slug. The search-quality tests expect these slugs.

The benchmark's much larger council, generated from:
- SUBJECT_AREAS: each service area's subjects as (subject, synonyms); topics are subject x action
  from ACTIONS ("Garden waste: renew", "Council tax: pay"), thousands of distinct, searchable
  entries without inventing nonsense words. PARTNER_SUBJECTS are subjects a partner deals with.
- TEAM_SUFFIXES, CALLER_NOTES and SEARCH_TERMS (what the load test searches for).

Both: FIRST_NAMES, LAST_NAMES and JOB_TITLES for staff.
"""

DEMO_PARTNERS = 10

PARTNERS = [
    # slug, name, handles, phone, web, hours, how to refer. The demo has the first DEMO_PARTNERS.
    (
        "wyeshire-county-council",
        "Wyeshire County Council",
        "Roads, pavements, potholes, street lights, gritting, adult and children's social care, schools and school "
        "transport, libraries, household recycling centres, blue badges, registration of births, deaths and "
        "marriages, trading standards.",
        "01632 960900",
        "https://www.wyeshire.example.gov.uk",
        "Monday to Friday, 8am to 6pm",
        "Give the caller the County Council's number, or report road problems online. For social care emergencies "
        "out of hours, the Emergency Duty Team is on 01632 960999.",
    ),
    (
        "nhs-111",
        "NHS 111",
        "Urgent medical help and advice when it is not an emergency. For a life-threatening emergency call 999.",
        "111",
        "https://111.example.nhs.uk",
        "24 hours a day, every day",
        "Tell the caller to phone 111 or use the NHS 111 website. If someone's life is at risk, they must call 999.",
    ),
    (
        "wyeshire-police",
        "Wyeshire Police (101)",
        "Crime that is not an emergency, hate crime, drug dealing, dangerous driving, abandoned vehicles causing "
        "danger. In an emergency call 999.",
        "101",
        "https://www.wyeshire.police.example.uk",
        "24 hours a day, every day",
        "Tell the caller to phone 101 or report online. If a crime is happening now or someone is in danger, 999.",
    ),
    (
        "wyebridge-homes",
        "Wyebridge Homes",
        "Repairs, rent and tenancy matters for the former council homes it owns, estate antisocial behaviour.",
        "01632 960910",
        "https://www.wyebridgehomes.example.org.uk",
        "Monday to Friday, 8am to 5pm; emergency repairs 24 hours",
        "Council housing stock transferred to Wyebridge Homes: tenants call them for repairs and rent.",
    ),
    (
        "severn-vale-housing",
        "Severn Vale Housing Association",
        "Repairs, rent and tenancy matters for its homes in the east of the district, shared ownership.",
        "01632 960920",
        "https://www.severnvale.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Housing association tenants report repairs to their landlord, not to the council.",
    ),
    (
        "dvla",
        "DVLA",
        "Driving licences, vehicle tax, SORN, vehicle registration, untaxed vehicles on the road.",
        "020 7946 0930",
        "https://www.dvla.example.gov.uk",
        "Monday to Friday, 8am to 7pm; Saturday 8am to 2pm",
        "Untaxed vehicles are reported to the DVLA online; the council deals only with abandoned ones.",
    ),
    (
        "citizens-advice-wyebridge",
        "Citizens Advice Wyebridge",
        "Free, independent advice on debt, benefits, employment, consumer rights and housing problems.",
        "01632 960940",
        "https://www.citizensadvice-wyebridge.example.org.uk",
        "Monday to Friday, 9am to 4pm",
        "Offer a referral: with the caller's consent, send their name and number by the referral form.",
    ),
    (
        "environment-agency",
        "Environment Agency",
        "Flooding from main rivers, flood warnings, pollution of rivers, large illegal waste sites.",
        "0113 496 0950",
        "https://www.environment-agency.example.gov.uk",
        "Incident hotline 24 hours a day",
        "For flooding from a main river or a river pollution incident give the 24-hour incident hotline.",
    ),
    (
        "valuation-office-agency",
        "Valuation Office Agency",
        "Council tax bands and business rates valuations, challenges to a band or rateable value.",
        "020 7946 0960",
        "https://www.voa.example.gov.uk",
        "Monday to Friday, 9am to 4:30pm",
        "The council cannot change a band: the caller challenges it with the Valuation Office Agency.",
    ),
    (
        "rspca",
        "RSPCA",
        "Animals being treated cruelly, neglected or in distress, injured wild animals.",
        "0113 496 0970",
        "https://www.rspca.example.org.uk",
        "24 hours a day, every day",
        "Cruelty and injured wildlife go to the RSPCA cruelty line; stray dogs stay with the council.",
    ),
    (
        "nhs-wyeshire-integrated-care-board",
        "NHS Wyeshire Integrated Care Board",
        "GPs, dentists, hospitals and NHS 111.",
        "01632 960941",
        "https://www.nhs-wyeshire-integrated-care-board.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller NHS Wyeshire Integrated Care Board's number and tell them what to have ready.",
    ),
    (
        "department-for-work-and-pensions",
        "Department for Work and Pensions",
        "Universal Credit, State Pension and disability benefits.",
        "01632 960942",
        "https://www.department-for-work-and-pensions.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Department for Work and Pensions's number and tell them what to have ready.",
    ),
    (
        "wye-valley-water",
        "Wye Valley Water",
        "Water supply, sewers and water bills.",
        "01632 960943",
        "https://www.wye-valley-water.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wye Valley Water's number and tell them what to have ready.",
    ),
    (
        "wyeshire-trading-standards",
        "Wyeshire Trading Standards",
        "Scams, rogue traders and unsafe goods.",
        "01632 960944",
        "https://www.wyeshire-trading-standards.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wyeshire Trading Standards's number and tell them what to have ready.",
    ),
    (
        "wyeshire-fire-and-rescue-service",
        "Wyeshire Fire and Rescue Service",
        "Fire safety advice and home fire safety checks.",
        "01632 960945",
        "https://www.wyeshire-fire-and-rescue-service.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wyeshire Fire and Rescue Service's number and tell them what to have ready.",
    ),
    (
        "hm-revenue-and-customs",
        "HM Revenue and Customs",
        "Income tax, self assessment and tax credits.",
        "01632 960946",
        "https://www.hm-revenue-and-customs.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller HM Revenue and Customs's number and tell them what to have ready.",
    ),
    (
        "wyeshire-mind",
        "Wyeshire Mind",
        "Mental health support and crisis lines.",
        "01632 960947",
        "https://www.wyeshire-mind.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wyeshire Mind's number and tell them what to have ready.",
    ),
    (
        "shelter",
        "Shelter",
        "Housing advice and homelessness help.",
        "01632 960948",
        "https://www.shelter.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Shelter's number and tell them what to have ready.",
    ),
    (
        "national-highways",
        "National Highways",
        "Motorways and major A roads.",
        "01632 960949",
        "https://www.national-highways.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller National Highways's number and tell them what to have ready.",
    ),
    (
        "wyebridge-community-transport",
        "Wyebridge Community Transport",
        "Dial-a-ride and community buses.",
        "01632 960951",
        "https://www.wyebridge-community-transport.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wyebridge Community Transport's number and tell them what to have ready.",
    ),
    (
        "age-uk-wyebridge",
        "Age UK Wyebridge",
        "Help and advice for older people.",
        "01632 960952",
        "https://www.age-uk-wyebridge.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Age UK Wyebridge's number and tell them what to have ready.",
    ),
    (
        "wyeshire-victim-support",
        "Wyeshire Victim Support",
        "Help for victims and witnesses of crime.",
        "01632 960953",
        "https://www.wyeshire-victim-support.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller Wyeshire Victim Support's number and tell them what to have ready.",
    ),
]

# name: (slug, summary, handles, public phone, opening hours, web, public?, [teams])
# team: (name, slug, internal phone, public phone, out of hours, default script, [topic lines])
AREAS = [
    (
        "Customer services",
        "customer-services",
        "The council's front door: phone, email, web and our customer service centres.",
        "General enquiries, payments at our offices, help using council websites, compliments and complaints.",
        "01632 960000",
        "Monday to Friday, 8:30am to 5pm",
        True,
        [
            (
                "Customer contact centre",
                "customer-contact-centre",
                "01632 960100",
                "01632 960000",
                "Out of hours the phone line plays a message with the emergency numbers below.",
                "Answer the query if you can; if not, log a case for the right team and give the reference.",
                [
                    "Make a complaint | complain; complaint about the council; unhappy with service | "
                    "stage 1 complaint; poor service || Log it as a stage 1 complaint. We acknowledge in 3 working "
                    "days and reply in 10.",
                    "Give a compliment | thank you; praise staff | compliment ||",
                    "Comments and suggestions | feedback; suggestion | comment ||",
                    "Out of hours emergencies | emergency out of hours; after hours emergency | emergency; "
                    "night; weekend || Dangerous structures, homelessness tonight and emergency road closures: "
                    "the out-of-hours line is 01632 960999.",
                    "Councillor enquiries | member enquiry; ward councillor | councillor; MP letter ||",
                    "Freedom of information requests | FOI; FOI request; information request | "
                    "subject access request; data protection | online",
                    "Roads and pavements | pothole; pot hole; potholes; road repairs; broken pavement | "
                    "uneven pavement; highways | p=wyeshire-county-council",
                    "Street lights | street light out; broken street light; street lighting | "
                    "lamp post | p=wyeshire-county-council",
                    "Schools and school transport | school admissions; school bus; school transport | "
                    "school place | p=wyeshire-county-council",
                    "Libraries | library; library opening times; renew library books | books | "
                    "p=wyeshire-county-council",
                    "Adult social care | care at home; care needs assessment; carers | "
                    "elderly care | p=wyeshire-county-council",
                    "Urgent medical help | feeling unwell; urgent medical advice; doctor out of hours | "
                    "gp closed | p=nhs-111",
                    "Driving licences | driving licence; provisional licence; change address on licence | "
                    "dvla | p=dvla",
                    "Change of address | moving house; tell us you are moving; moving home | move in; move out | "
                    "online | One online form updates council tax, bins and electoral register.",
                ],
            ),
            (
                "Customer service centres",
                "customer-service-centres",
                "01632 960110",
                "01632 960001",
                "Closed out of hours.",
                "Offer a face-to-face appointment; self-service tablets are free to use at every office.",
                [
                    "Face to face appointments | visit the council; book an appointment; reception | "
                    "office opening times; town hall ||",
                    "Help using the council website | assisted digital; help online; no internet | "
                    "computer help; tablet ||",
                    "Interpreting and translation | interpreter; translation; language line | "
                    "british sign language; bsl ||",
                    "Lost property in council buildings | lost property; found property | lost item ||",
                ],
            ),
        ],
    ),
    (
        "Waste and recycling",
        "waste-and-recycling",
        "Household bin collections, recycling, garden and bulky waste, and keeping streets clean.",
        "Weekly food waste, fortnightly recycling and rubbish, garden waste subscriptions, bulky items, trade waste, "
        "street cleaning, litter and fly-tipping.",
        "01632 960010",
        "Monday to Friday, 8am to 5pm",
        True,
        [
            (
                "Waste collections",
                "waste-collections",
                "01632 960200",
                "01632 960010",
                "Crews work 7am to 4pm; out of hours, log it for the next working day.",
                "Check the collection calendar for the address, then log the report; crews return within "
                "2 working days.",
                [
                    "Missed bin collection | bin not emptied; bin not collected; missed bin | missed collection; "
                    "rubbish not collected | online",
                    "Bin collection days | when is my bin day; collection calendar; bin day | "
                    "collection day; which bin this week | online",
                    "New or replacement bins | broken bin; stolen bin; new bin; replacement wheelie bin | "
                    "wheelie bin; damaged bin | online | A replacement wheelie bin costs £25; new homes pay £50.",
                    "Recycling collections | recycling box; what goes in recycling; blue bin | "
                    "recycle; plastics; cardboard | online",
                    "Food waste collections | food caddy; food bin; kitchen caddy | caddy liners ||",
                    "Garden waste subscription | green bin; brown bin; garden bin; garden waste | "
                    "grass cuttings; hedge trimmings | online | The service runs March to November; £48 a year.",
                    "Assisted bin collections | help putting bin out; assisted collection | disabled; "
                    "pull out service ||",
                    "Clinical waste collections | sharps; medical waste; needles at home | sharps bin ||",
                    "Collections over bank holidays | christmas bin collections; bank holiday collections | "
                    "holiday changes | online",
                    "Nappies and hygiene waste | nappy bin; incontinence waste | hygiene bags ||",
                ],
            ),
            (
                "Bulky and trade waste",
                "bulky-and-trade-waste",
                "01632 960210",
                "01632 960011",
                "No out of hours service.",
                "Book through the online form; payment is taken at booking.",
                [
                    "Bulky waste collection | bulky items; large items; furniture collection; bulky rubbish | "
                    "sofa; fridge; mattress; white goods | online | Up to 3 items for £35; fridges and freezers "
                    "£20 each. Items must be outside by 7am.",
                    "Trade waste collections | business waste; commercial waste; trade bins | "
                    "shop rubbish; duty of care | online",
                    "Household recycling centres | tip; dump; recycling centre; household waste site | "
                    "tip opening times | p=wyeshire-county-council",
                    "Asbestos disposal | asbestos | asbestos sheets | p=wyeshire-county-council",
                    "Hazardous household waste | paint disposal; chemicals disposal; batteries | "
                    "gas bottles | p=wyeshire-county-council",
                    "Community skips | skip day; community clear up | skip ||",
                ],
            ),
            (
                "Street cleansing",
                "street-cleansing",
                "01632 960220",
                "01632 960012",
                "Offensive graffiti and needles in public places: the out-of-hours line is 01632 960999.",
                "Take the exact location (street, landmark, what3words if they use it) and log the report.",
                [
                    "Fly-tipping | fly tipping; dumped rubbish; illegal dumping; rubbish dumped | "
                    "dumped mattress; dumped waste | online | Never touch it: it may contain needles or "
                    "asbestos. Cleared within 5 working days.",
                    "Dog fouling | dog poo; dog mess; dog muck | dog dirt; dog waste | online",
                    "Litter | litter picking; rubbish in the street | dirty street; overflowing litter bin | online",
                    "Graffiti removal | graffiti; spray paint; tagging | offensive graffiti | online",
                    "Needles and syringes in public places | discarded needles; sharps found; syringe | drug litter ||",
                    "Street sweeping | road sweeping; leaves on pavement; dirty road | sweeper ||",
                    "Dead animals on the road | dead animal; roadkill; dead fox; dead badger | dead cat ||",
                    "Litter bins and dog bins | new litter bin; dog bin full; overflowing bin | bin emptying ||",
                    "Fly-posting | flyposting; illegal posters; stickers on lamp posts | posters ||",
                    "Abandoned shopping trolleys | shopping trolley; trolleys dumped | trolley ||",
                ],
            ),
        ],
    ),
    (
        "ICT",
        "ict",
        "The council's own computers and phones (staff only).",
        "Staff IT help, passwords, council phones.",
        "",
        "",
        False,
        [
            (
                "ICT service desk",
                "ict-service-desk",
                "01632 960300",
                "",
                "Out of hours, critical system failures go to the on-call engineer through the duty manager.",
                "Log a ticket for the caller; password resets need their staff number.",
                [
                    "Password reset for staff | locked out; forgotten password; account locked | "
                    "reset password | internal",
                    "Council phone system faults | phones down; handset not working; telephony fault | "
                    "phone line | internal",
                    "New starter IT equipment | new laptop; new starter; leaver | equipment request | internal",
                ],
            ),
        ],
    ),
    (
        "Council tax and business rates",
        "council-tax-and-business-rates",
        "Council tax bills, discounts and payments, and business rates.",
        "Council tax accounts, discounts, exemptions, reductions and arrears; business rates bills and relief.",
        "01632 960020",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Council tax",
                "council-tax",
                "01632 960400",
                "01632 960020",
                "No out of hours service; the online account works 24 hours.",
                "Check the account on the revenues system, confirm the caller is the account holder, then "
                "update or explain the bill.",
                [
                    "Council tax bills | council tax; council tax bill; my council tax; ctax | "
                    "annual bill; how much is council tax | online",
                    "Pay council tax | pay council tax; council tax payment; pay my bill | "
                    "card payment; pay online | online",
                    "Council tax direct debit | direct debit; change payment date; set up direct debit | "
                    "instalments; monthly payments | online",
                    "Single person discount | single occupancy discount; living alone discount; 25% discount | "
                    "live alone; one adult | online | Check nobody else over 18 lives there; backdate up to "
                    "the date they became the only adult.",
                    "Council tax exemptions | exempt property; empty home exemption; student exemption | "
                    "students; care home; annexe | online",
                    "Council tax bands | council tax band; wrong band; band challenge; valuation band | "
                    "property valuation | p=valuation-office-agency",
                    "Empty homes and second homes premium | empty property; second home; long term empty | premium ||",
                    "Council tax disability reduction | disabled band reduction; disability reduction | "
                    "wheelchair; extra room ||",
                    "Moving home and council tax | moving out council tax; new address council tax; final bill | "
                    "moving in | online",
                    "Council tax refunds | overpaid council tax; refund; credit on account | overpayment ||",
                ],
            ),
            (
                "Council tax recovery",
                "council-tax-recovery",
                "01632 960410",
                "01632 960021",
                "No out of hours service.",
                "Do not promise to stop enforcement; offer an arrangement and refer debt worries to Citizens Advice.",
                [
                    "Council tax reminders and summons | summons; reminder letter; final notice; court summons | "
                    "liability order; court costs ||",
                    "Council tax arrears | behind with council tax; council tax debt; can't pay council tax | "
                    "arrears; payment arrangement ||",
                    "Enforcement agents | bailiffs; enforcement agent; bailiff letter | debt collectors ||",
                    "Attachment of earnings and benefits | deduction from wages; attachment of earnings | "
                    "deductions from benefits ||",
                ],
            ),
            (
                "Business rates",
                "business-rates",
                "01632 960420",
                "01632 960022",
                "No out of hours service.",
                "Check the business rates account; relief applications are made online.",
                [
                    "Business rates bills | business rates; non domestic rates; nndr | shop rates | online",
                    "Small business rate relief | rate relief; business rates relief; small business relief | "
                    "retail relief | online",
                    "Rateable value challenges | rateable value; business rates valuation | appeal valuation | "
                    "p=valuation-office-agency",
                    "Empty business property rates | empty shop rates; empty business premises | vacant premises ||",
                ],
            ),
        ],
    ),
    (
        "Benefits",
        "benefits",
        "Housing benefit, council tax reduction and help in hardship.",
        "Housing benefit for pension-age and supported housing, council tax reduction, discretionary housing "
        "payments, the household support fund, free school meals checks.",
        "01632 960030",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Benefits processing",
                "benefits-processing",
                "01632 960500",
                "01632 960030",
                "No out of hours service.",
                "Check the claim on the benefits system; ask for evidence by upload where possible.",
                [
                    "Housing benefit | housing benefit claim; help with rent; rent help; hb | "
                    "housing benefits | online | New working-age claims are mostly Universal Credit; "
                    "pension age and supported housing still claim here.",
                    "Council tax reduction | council tax support; council tax benefit; ctr | "
                    "help paying council tax; low income | online",
                    "Report a change of circumstances | change in circumstances; income changed | "
                    "new job; partner moved in | online",
                    "Benefit overpayments | overpaid benefit; overpayment letter | benefit debt ||",
                    "Universal Credit | universal credit; uc; jobcentre | dwp | p=citizens-advice-wyebridge",
                    "Free school meals | free school meals; school meals; fsm | pupil premium | "
                    "p=wyeshire-county-council",
                    "Benefits appeals | appeal benefit decision; reconsideration | tribunal ||",
                    "Pension credit | pension credit; pensioner benefits | state pension | p=citizens-advice-wyebridge",
                ],
            ),
            (
                "Financial hardship support",
                "financial-hardship-support",
                "01632 960510",
                "01632 960031",
                "No out of hours service. Food banks are listed on the council website.",
                "Check eligibility and offer a referral to Citizens Advice for money advice.",
                [
                    "Discretionary housing payments | dhp; help with rent shortfall; bedroom tax | "
                    "rent shortfall; removal costs | online",
                    "Household support fund | cost of living help; household support; energy bills help | "
                    "fuel vouchers; hardship fund | online",
                    "Food banks | food bank; food parcels; no food | emergency food ||",
                    "Debt advice | debt help; money worries; can't pay bills | money advice; debt | "
                    "p=citizens-advice-wyebridge",
                    "Council tax hardship relief | hardship relief; section 13a | exceptional hardship ||",
                ],
            ),
        ],
    ),
    (
        "Housing",
        "housing",
        "Help if you are homeless or at risk, the housing register, and standards in rented homes.",
        "Homelessness advice and emergency accommodation, the housing register and choice-based lettings, private "
        "rented housing standards, houses in multiple occupation, disabled facilities grants, empty homes.",
        "01632 960040",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Housing options",
                "housing-options",
                "01632 960600",
                "01632 960040",
                "Anyone homeless tonight: the out-of-hours homelessness line is 01632 960999.",
                "If the caller is homeless tonight or at risk of violence, transfer to the duty officer now.",
                [
                    "Homelessness | homeless; nowhere to sleep; homeless tonight; sleeping rough | "
                    "no home; emergency housing; temporary accommodation | | Homeless tonight: transfer to "
                    "the housing options duty officer; out of hours call 01632 960999.",
                    "Threatened with eviction | eviction notice; section 21; being evicted; landlord evicting | "
                    "notice to quit ||",
                    "Rough sleepers | rough sleeper; someone sleeping rough; streetlink | "
                    "person sleeping in doorway | online",
                    "Domestic abuse and housing | fleeing domestic abuse; domestic violence housing | "
                    "refuge; safe accommodation || If the caller is in danger now, they must call 999.",
                    "Temporary accommodation | b&b; emergency accommodation; hostel | temp accommodation ||",
                    "Rent deposit scheme | deposit help; rent in advance; bond scheme | deposit ||",
                ],
            ),
            (
                "Housing register",
                "housing-register",
                "01632 960610",
                "01632 960041",
                "No out of hours service.",
                "Check the application on the housing register system; bidding is online each week.",
                [
                    "Join the housing register | housing list; council house; apply for housing; housing waiting "
                    "list | social housing; housing application | online",
                    "Housing register bidding | bid for a home; choice based lettings; property bids | "
                    "bidding | online",
                    "Housing association repairs | housing association repair; wyebridge homes repair | "
                    "repair; leaking roof; boiler | p=wyebridge-homes",
                    "Severn Vale tenants | severn vale repair; housing association rent | "
                    "shared ownership | p=severn-vale-housing",
                    "Mutual exchange | house swap; home swap; mutual exchange | swap ||",
                    "Council house rent | pay rent; rent account; council rent | rent arrears | p=wyebridge-homes",
                ],
            ),
            (
                "Private sector housing",
                "private-sector-housing",
                "01632 960620",
                "01632 960042",
                "Landlord illegally evicting someone now: out-of-hours line 01632 960999.",
                "Ask whether they have told the landlord in writing; we inspect if the landlord does not act.",
                [
                    "Damp and mould in rented homes | damp; mould; condensation; black mould | "
                    "mould in rented home; landlord won't fix ||",
                    "Disrepair in private rented homes | landlord won't do repairs; private tenant repairs | "
                    "disrepair; broken heating ||",
                    "Houses in multiple occupation | hmo; hmo licence; shared house | hmo licensing | online",
                    "Illegal eviction and harassment | landlord harassment; locked out by landlord | "
                    "illegal eviction ||",
                    "Empty homes | empty house; derelict house; bring empty home back into use | empty property ||",
                    "Excess cold and heating | no heating; cold house | energy efficiency ||",
                ],
            ),
            (
                "Home adaptations",
                "home-adaptations",
                "01632 960630",
                "01632 960043",
                "No out of hours service.",
                "Adaptations start with an occupational therapy assessment by the County Council.",
                [
                    "Disabled facilities grants | dfg; disabled facilities grant; home adaptations grant | "
                    "stairlift; wet room; ramp ||",
                    "Occupational therapy assessment | ot assessment; occupational therapist | "
                    "mobility at home | p=wyeshire-county-council",
                    "Home repair assistance | home repair loan; help with repairs for homeowners | repair grant ||",
                    "Lifeline alarms | careline; personal alarm; pendant alarm | falls alarm ||",
                ],
            ),
        ],
    ),
    (
        "Planning and building control",
        "planning-and-building-control",
        "Planning applications, enforcement, building regulations, local plan, land charges and street naming.",
        "Planning applications and advice, planning enforcement, building regulations and dangerous structures, "
        "the local plan, local land charges searches, street naming and numbering.",
        "01632 960050",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Planning applications",
                "planning-applications",
                "01632 960700",
                "01632 960050",
                "No out of hours service.",
                "Search the planning register by address; officers give advice through the pre-application service.",
                [
                    "Planning applications | planning application; planning permission; apply for planning | "
                    "extension; planning portal | online",
                    "Comment on a planning application | object to planning; planning objection; support "
                    "planning application | neighbour consultation | online",
                    "Pre-application advice | pre app; planning advice; do I need planning permission | "
                    "permitted development | online",
                    "Listed buildings and conservation areas | listed building consent; conservation area | "
                    "heritage ||",
                    "Tree preservation orders | tpo; protected tree; tree in conservation area | "
                    "work to protected tree | online",
                    "Planning appeals | appeal planning refusal; planning inspectorate | appeal ||",
                    "Dropped kerbs | dropped kerb; vehicle crossing; driveway access | "
                    "crossover | p=wyeshire-county-council",
                ],
            ),
            (
                "Planning enforcement",
                "planning-enforcement",
                "01632 960710",
                "01632 960051",
                "Works to a listed building or protected tree happening now: out-of-hours line 01632 960999.",
                "Take the address, what is happening and since when; log a breach report.",
                [
                    "Report a planning breach | building without permission; planning breach; unauthorised "
                    "building | enforcement complaint | online",
                    "High hedges | high hedge; leylandii; neighbour's hedge too tall | hedge dispute ||",
                    "Unauthorised advertisements | illegal advert; advertising sign; banner | signs ||",
                    "Untidy land | untidy garden; eyesore; section 215 | overgrown land ||",
                ],
            ),
            (
                "Building control",
                "building-control",
                "01632 960720",
                "01632 960052",
                "Dangerous structures are attended 24 hours: out-of-hours line 01632 960999.",
                "Book inspections online; for danger to the public treat it as a dangerous structure.",
                [
                    "Building regulations | building regs; building regulations approval; building control "
                    "application | completion certificate | online",
                    "Dangerous structures | dangerous building; falling wall; unsafe building | collapsed wall ||",
                    "Demolition notices | demolition; knock down building | demolish ||",
                    "Building control inspections | site inspection; book an inspection | inspection | online",
                ],
            ),
            (
                "Planning policy",
                "planning-policy",
                "01632 960730",
                "01632 960053",
                "No out of hours service.",
                "Direct people to the consultation pages; officers reply to written comments.",
                [
                    "Local plan | local plan; development plan; housing allocations | planning policy | online",
                    "Neighbourhood plans | neighbourhood plan; parish plan | neighbourhood planning ||",
                    "Community infrastructure levy | cil; section 106 | developer contributions ||",
                ],
            ),
            (
                "Land charges and street naming",
                "land-charges-and-street-naming",
                "01632 960740",
                "01632 960054",
                "No out of hours service.",
                "Searches are ordered online; street naming requests need a site plan.",
                [
                    "Local land charges searches | land charges; property search; local search | conveyancing | online",
                    "Street naming and numbering | new address; house name change; street name | "
                    "postcode; numbering | online",
                    "Street name plates | street sign; missing street sign; damaged street name plate | name plate ||",
                ],
            ),
        ],
    ),
    (
        "Environmental health",
        "environmental-health",
        "Food safety, noise and pollution, pests and animal welfare.",
        "Food hygiene inspections and complaints, health and safety at work, noise and smoke nuisance, air quality, "
        "contaminated land, pest control, stray dogs and animal licences.",
        "01632 960060",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Food and safety",
                "food-and-safety",
                "01632 960800",
                "01632 960060",
                "Serious food poisoning outbreaks: out-of-hours line 01632 960999.",
                "Take the business name and address, date of visit or purchase, and symptoms if any.",
                [
                    "Food poisoning complaints | food poisoning; ill after eating; sick after takeaway | "
                    "upset stomach; restaurant made me ill ||",
                    "Food hygiene complaints | dirty restaurant; unhygienic takeaway; food hygiene | "
                    "mouse in restaurant; hair in food | online",
                    "Food hygiene ratings | hygiene rating; scores on the doors; food rating | star rating | online",
                    "Register a food business | food business registration; start a food business | "
                    "home baking; market stall | online",
                    "Workplace accidents | accident at work; riddor; health and safety complaint | unsafe workplace ||",
                    "Skin piercing and tattoo registration | tattoo licence; piercing registration | tattooist ||",
                    "Food allergies and labelling | allergy; allergen; food labelling | "
                    "trading standards | p=wyeshire-county-council",
                ],
            ),
            (
                "Environmental protection",
                "environmental-protection",
                "01632 960810",
                "01632 960061",
                "The out-of-hours noise service runs Friday and Saturday 10pm to 3am: 01632 960999.",
                "Send the caller diary sheets; we need a pattern of nuisance before we act.",
                [
                    "Noise complaints | noisy neighbours; loud music; noise nuisance; barking dog | "
                    "party noise; noise at night | online",
                    "Bonfire smoke | bonfire; smoke nuisance; garden fire | burning rubbish | online",
                    "Air quality | air pollution; bad air; smog | air quality monitoring ||",
                    "Contaminated land | land contamination; polluted land | brownfield ||",
                    "Odour nuisance | bad smell; odour; smells from business | stink ||",
                    "Light nuisance | security light; floodlight nuisance | light pollution ||",
                    "Burglar alarms ringing | alarm going off; house alarm; car alarm | alarm noise ||",
                    "Flooding from rivers | river flooding; flood warning; main river | flood | p=environment-agency",
                    "Water pollution | river pollution; sewage in river; oil in stream | pollution incident | "
                    "p=environment-agency",
                ],
            ),
            (
                "Pest control",
                "pest-control",
                "01632 960820",
                "01632 960062",
                "No out of hours service.",
                "Book a treatment; charges apply except for rats in domestic premises.",
                [
                    "Rats and mice | rats; mice; rodents; rat in garden | rat infestation; mouse | online | "
                    "Domestic rat treatments are free; mice £45 for three visits.",
                    "Wasps nests | wasp nest; wasps; hornets | wasp sting; bees | online | Bees are not "
                    "treated: refer to a local beekeeper.",
                    "Bedbugs | bed bugs; bedbug bites | biting insects ||",
                    "Fleas and cockroaches | fleas; cockroaches; ants | insect infestation ||",
                    "Pigeons and gulls | pigeons; seagulls; gulls nesting | bird problems ||",
                    "Moles and squirrels | moles; grey squirrels | squirrels in loft ||",
                ],
            ),
            (
                "Animal welfare",
                "animal-welfare",
                "01632 960830",
                "01632 960063",
                "Stray dogs out of hours are taken to the kennels: 01632 960998.",
                "Stray dogs are collected in working hours; cruelty goes to the RSPCA.",
                [
                    "Stray dogs | stray dog; lost dog; found dog; dog warden | dog roaming | | "
                    "Take a description and location; the dog warden collects in working hours.",
                    "Animal cruelty | animal neglect; cruelty to animals; injured animal | mistreated animal | p=rspca",
                    "Animal licences | dog breeding licence; pet shop licence; riding school | animal boarding ||",
                    "Dangerous dogs | dog attack; aggressive dog; dog bite | dangerous dog | p=wyeshire-police",
                    "Horses on the road | straying horses; fly grazing | horse ||",
                ],
            ),
        ],
    ),
    (
        "Licensing",
        "licensing",
        "Licences for alcohol, entertainment, taxis, street trading and gambling.",
        "Premises and personal licences, temporary event notices, taxi and private hire licences, street trading, "
        "scrap metal, gambling and charity collections.",
        "01632 960070",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Licensing",
                "licensing-team",
                "01632 960900",
                "01632 960070",
                "Licensed premises causing problems now: the police on 101.",
                "Applications are made online; fees are on the licensing pages.",
                [
                    "Premises licences | alcohol licence; pub licence; premises licence | "
                    "licence to sell alcohol | online",
                    "Personal licences | personal licence; dps | designated premises supervisor | online",
                    "Temporary event notices | ten; temporary event; one off event licence | "
                    "party licence; event alcohol | online",
                    "Street trading | street trading licence; market trader; food van | burger van ||",
                    "Gambling licences | gambling; betting shop; lottery registration | small society lottery ||",
                    "Charity collections | street collection; house to house collection | collection permit ||",
                    "Scrap metal dealers | scrap metal licence; scrap dealer | scrap ||",
                    "Pavement licences | tables and chairs; pavement cafe | outdoor seating | online",
                ],
            ),
            (
                "Taxi licensing",
                "taxi-licensing",
                "01632 960910",
                "01632 960071",
                "No out of hours service.",
                "Driver applications need a DBS check and a medical; book the knowledge test online.",
                [
                    "Taxi driver licence | taxi licence; cab driver licence; private hire driver | "
                    "hackney carriage driver | online",
                    "Taxi vehicle licence | taxi plate; vehicle licence; private hire vehicle | vehicle test | online",
                    "Taxi complaints | complaint about taxi; taxi driver rude; overcharged by taxi | taxi fare ||",
                    "Lost property in a taxi | left something in a taxi; lost in cab | taxi lost property ||",
                ],
            ),
        ],
    ),
    (
        "Parking",
        "parking",
        "Parking fines, permits and the council's car parks.",
        "Penalty charge notices, appeals, resident and business permits, council car parks and season tickets.",
        "01632 960080",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Parking enforcement",
                "parking-enforcement",
                "01632 960950",
                "01632 960080",
                "No out of hours service.",
                "Payments and challenges are online; a challenge within 14 days keeps the discount.",
                [
                    "Parking fines | parking ticket; penalty charge notice; pcn; parking fine | "
                    "pay parking fine; challenge parking ticket | online | Pay within 14 days for a 50% "
                    "discount. Challenges online.",
                    "Parking appeals | appeal parking fine; parking tribunal; traffic penalty tribunal | "
                    "formal representation | online",
                    "Report illegal parking | parked on double yellow lines; blocking driveway; "
                    "parking on pavement | inconsiderate parking | online",
                    "Abandoned vehicles | abandoned car; dumped car; abandoned vehicle | car left for months | online",
                    "Untaxed vehicles | untaxed car; no tax; sorn | vehicle tax | p=dvla",
                    "Dangerous parking and obstruction | obstruction; dangerous parking; car blocking road | "
                    "emergency access | p=wyeshire-police",
                ],
            ),
            (
                "Parking permits and car parks",
                "parking-permits-and-car-parks",
                "01632 960960",
                "01632 960081",
                "Car park barrier faults out of hours: 01632 960997.",
                "Permits are issued online; season tickets need the vehicle registration.",
                [
                    "Resident parking permits | residents parking; parking permit; permit zone | "
                    "visitor permit | online",
                    "Car park season tickets | season ticket; car park permit | long stay | online",
                    "Council car parks | car park charges; pay and display; car park opening times | "
                    "parking charges | online",
                    "Blue badges | blue badge; disabled parking badge; disabled badge | "
                    "disabled parking | p=wyeshire-county-council",
                    "Electric vehicle charging | ev charging; electric car charger | charge point ||",
                ],
            ),
        ],
    ),
    (
        "Parks and leisure",
        "parks-and-leisure",
        "Parks, playgrounds, trees, allotments, sports pitches and leisure centres.",
        "Parks and open spaces, play areas, council trees and grass cutting, allotments, sports pitch bookings, "
        "leisure centres run by our partner trust, events in parks.",
        "01632 960090",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Parks and open spaces",
                "parks-and-open-spaces",
                "01632 960850",
                "01632 960090",
                "Damage making play equipment dangerous: out-of-hours line 01632 960999.",
                "Take the park name and the nearest landmark; log it for the parks team.",
                [
                    "Play area repairs | broken swing; playground damage; play equipment | playground ||",
                    "Allotments | allotment; allotment waiting list; rent an allotment | plot | online",
                    "Events in parks | book a park; event in park; funfair | park hire | online",
                    "Public toilets | public toilet; toilets closed; dirty toilets | toilet ||",
                    "Benches and memorial plaques | memorial bench; park bench | plaque ||",
                    "Sports pitch bookings | football pitch; book a pitch; cricket pitch | sports booking | online",
                ],
            ),
            (
                "Trees and grounds maintenance",
                "trees-and-grounds-maintenance",
                "01632 960860",
                "01632 960091",
                "Fallen trees blocking a road: the County Council's highways line; on council land 01632 960999.",
                "Council trees only: trees on private land are the owner's responsibility.",
                [
                    "Council trees | tree on council land; overhanging tree; fallen tree | dangerous tree ||",
                    "Grass cutting | grass verges; long grass; mowing | verge cutting ||",
                    "Overgrown hedges on council land | overgrown hedge; hedge blocking path | hedge cutting ||",
                    "Weeds and weed spraying | weeds on pavement; weed killer | weeds ||",
                    "Japanese knotweed | knotweed; invasive plants | giant hogweed ||",
                ],
            ),
            (
                "Sport and leisure",
                "sport-and-leisure",
                "01632 960870",
                "01632 960092",
                "The leisure centres take bookings until 9pm.",
                "The leisure trust runs the centres; memberships and bookings go to them.",
                [
                    "Leisure centres | swimming pool; gym; leisure centre opening times | swimming lessons | online",
                    "Leisure card concessions | leisure card; concession card; discount leisure | gym discount ||",
                    "Holiday activities for children | holiday club; kids activities | summer holidays ||",
                ],
            ),
        ],
    ),
    (
        "Community safety",
        "community-safety",
        "Antisocial behaviour, CCTV, emergency planning and safeguarding concerns.",
        "Antisocial behaviour, community protection notices, CCTV, emergency planning, referring safeguarding "
        "concerns.",
        "01632 960120",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Community safety and antisocial behaviour",
                "community-safety-team",
                "01632 960120",
                "01632 960121",
                "Crime or danger now: 999; antisocial behaviour out of hours: police on 101.",
                "Take what happened, where and when; offer diary sheets; crimes go to the police.",
                [
                    "Antisocial behaviour | asb; anti social behaviour; nuisance neighbours; youths causing "
                    "trouble | intimidation; harassment | online",
                    "Community trigger | asb case review; community trigger | repeated asb ||",
                    "Hate crime | racist abuse; hate incident | homophobic abuse | p=wyeshire-police",
                    "Drug dealing | drugs; cannabis smell; drug dealing | county lines | p=wyeshire-police",
                    "Report a crime | crime; burglary; theft; vandalism | criminal damage | p=wyeshire-police",
                    "Safeguarding adults | vulnerable adult; adult abuse; self neglect | safeguarding concern | "
                    "p=wyeshire-county-council | If someone is in danger now, 999. Otherwise refer to the County "
                    "Council's adult social care team and log the referral.",
                    "Safeguarding children | child at risk; child abuse; worried about a child | "
                    "children's services | p=wyeshire-county-council",
                    "Modern slavery | modern slavery; human trafficking; forced labour | exploitation | "
                    "p=wyeshire-police",
                ],
            ),
            (
                "CCTV control room",
                "cctv-control-room",
                "01632 960130",
                "",
                "Staffed 24 hours.",
                "CCTV footage requests come from the police or by subject access request.",
                [
                    "CCTV footage requests | cctv; cctv footage; camera footage | subject access cctv ||",
                    "CCTV camera faults | camera not working; cctv fault | camera | internal",
                ],
            ),
            (
                "Emergency planning",
                "emergency-planning",
                "01632 960140",
                "",
                "The duty emergency officer is reached through the out-of-hours line 01632 960999.",
                "In a major incident the council opens rest centres; follow the incident briefing.",
                [
                    "Sandbags and flood help | sandbags; flooding at home; flood help | flood defence ||",
                    "Major incidents and rest centres | major incident; evacuation; rest centre | emergency ||",
                    "Severe weather | snow; heatwave; storm damage | cold weather ||",
                    "Gritting and icy roads | gritting; icy road; salt bin; grit bin | ice | p=wyeshire-county-council",
                ],
            ),
        ],
    ),
    (
        "Elections and democracy",
        "elections-and-democracy",
        "Registering to vote, elections, council meetings and councillors.",
        "The electoral register, postal and proxy votes, polling stations, council and committee meetings, "
        "finding your councillor.",
        "01632 960150",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Electoral services",
                "electoral-services",
                "01632 960150",
                "01632 960151",
                "On polling day the elections office is open 6am to 10pm.",
                "Registration is online; postal vote forms are sent out on request.",
                [
                    "Register to vote | register to vote; electoral register; electoral roll; voting register | "
                    "not registered to vote | online",
                    "Postal votes | postal vote; vote by post | postal ballot | online",
                    "Proxy votes | proxy vote; someone to vote for me | proxy ||",
                    "Polling stations | where do I vote; polling station; polling card | polling day ||",
                    "Voter ID | voter identification; photo id to vote; voter authority certificate | "
                    "id to vote | online",
                    "Household enquiry form | canvass form; annual canvass | canvass ||",
                    "Open register opt out | open register; edited register | opt out ||",
                ],
            ),
            (
                "Democratic services",
                "democratic-services",
                "01632 960160",
                "01632 960161",
                "No out of hours service.",
                "Meeting papers and councillors' details are online.",
                [
                    "Find your councillor | who is my councillor; contact councillor; ward councillor | "
                    "councillors | online",
                    "Council meetings | committee meeting; council agenda; minutes | full council | online",
                    "Speak at a council meeting | public speaking; public question | question at meeting ||",
                    "Petitions | petition; e-petition | petition the council | online",
                    "Mayor and civic events | mayor; civic ceremony; invite the mayor | chairman ||",
                ],
            ),
        ],
    ),
    (
        "Bereavement services",
        "bereavement-services",
        "Cemeteries, the crematorium, funerals and what to do when someone dies.",
        "Burials and cremations, grave purchases, memorials, public health funerals, Tell Us Once.",
        "01632 960170",
        "Monday to Friday, 9am to 4:30pm",
        True,
        [
            (
                "Cemeteries and crematorium",
                "cemeteries-and-crematorium",
                "01632 960170",
                "01632 960171",
                "Funeral directors reach the duty officer through 01632 960996.",
                "Most arrangements come through funeral directors; speak kindly and take time.",
                [
                    "Burials and graves | burial; buy a grave; grave plot | cemetery | online",
                    "Cremations | cremation; crematorium; ashes | funeral service ||",
                    "Memorials and headstones | headstone; memorial; grave stone | memorial safety ||",
                    "Public health funerals | council funeral; no next of kin; pauper funeral | funeral payment ||",
                    "Register a death | death registration; someone has died; tell us once | "
                    "death certificate | p=wyeshire-county-council",
                    "Births, marriages and civil partnerships | birth certificate; register a birth; "
                    "marriage certificate; civil partnership | registrar; copy certificate | "
                    "p=wyeshire-county-council",
                ],
            ),
        ],
    ),
    (
        "Finance and business",
        "finance-and-business",
        "Paying the council, invoices, fraud, and support for local businesses.",
        "Invoices and sundry debts, payments to suppliers, fraud reporting, business grants and support.",
        "01632 960180",
        "Monday to Friday, 9am to 5pm",
        True,
        [
            (
                "Income and payments",
                "income-and-payments",
                "01632 960180",
                "01632 960181",
                "The automated payment line runs 24 hours: 01632 960239.",
                "Take card payments through the payment system; never write card numbers down.",
                [
                    "Pay an invoice | council invoice; sundry debt; pay a bill | invoice number | online",
                    "Supplier payments | paid late; supplier invoice; purchase order | supplier ||",
                    "Make a payment | pay the council; payment line; card payment | automated payments | online",
                    "Refunds and card payment problems | refund; payment taken twice; failed payment | chargeback ||",
                ],
            ),
            (
                "Fraud and investigations",
                "fraud-and-investigations",
                "01632 960190",
                "01632 960191",
                "No out of hours service.",
                "Reports can be anonymous; never tell the caller what action we will take.",
                [
                    "Report fraud | benefit fraud; council tax fraud; tenancy fraud | fraud hotline | online",
                    "Blue badge misuse | blue badge fraud; misuse of disabled badge | badge misuse ||",
                    "Scam warnings | scam; bogus caller; doorstep crime | rogue trader | p=wyeshire-county-council",
                ],
            ),
            (
                "Business support",
                "business-support",
                "01632 960230",
                "01632 960231",
                "No out of hours service.",
                "Point businesses to the growth hub events and the grants pages.",
                [
                    "Business grants | business grant; start up grant; funding for business | grants | online",
                    "Starting a business | start a business; new business advice | self employed ||",
                    "Markets | market stall; market pitch; farmers market | street market ||",
                    "Commercial property | council owned shops; rent business unit; industrial units | lease ||",
                ],
            ),
        ],
    ),
]

# More topics, by team slug, in the same line format as AREAS.
EXTRA_TOPICS = {
    "customer-contact-centre": [
        "Council offices and opening hours | council opening hours; contact the council; phone number | "
        "town hall address ||",
        "Data protection requests | subject access request; my personal data; gdpr | data breach ||",
        "Unreasonably persistent complainants | vexatious complaints; persistent caller | unacceptable behaviour | "
        "internal",
        "Local Government Ombudsman | ombudsman; complaint not resolved; lgo | stage 2 complaint ||",
        "Accessibility of council information | large print; easy read; audio version | braille ||",
    ],
    "customer-service-centres": [
        "Self-service tablets | tablet at reception; use a council computer | kiosk ||",
        "Document verification | proof of identity; copy documents; check my documents | id check ||",
    ],
    "waste-collections": [
        "Bins for new homes | new build bins; moving into a new house bins | developer bins | online",
        "Communal bins for flats | flats bins; bin store; communal recycling | block of flats ||",
        "Contaminated recycling bins | bin not emptied wrong items; contaminated bin; red tag on bin | "
        "sticker on bin ||",
        "Textile and small electrical recycling | clothes recycling; small electricals; battery collection | "
        "kettle; toaster ||",
        "Bin crews damage or spills | bin crew damage; rubbish spilt; crew complaint | damage by bin lorry ||",
    ],
    "bulky-and-trade-waste": [
        "Fridge and freezer collection | fridge collection; freezer collection | white goods | online",
        "Garage and garden clearance | house clearance; garden clearance | clearance ||",
        "Trade waste agreements | waste transfer note; duty of care certificate | trade agreement ||",
    ],
    "street-cleansing": [
        "Chewing gum removal | chewing gum; gum on pavement | gum ||",
        "Leaf clearance | autumn leaves; leaves blocking drain | leaves ||",
        "Broken glass in the street | broken glass; glass on road | glass ||",
        "Street cleansing after events | clean up after event; market clean up | event cleaning ||",
    ],
    "council-tax": [
        "Council tax for students | student council tax; student exemption certificate | university ||",
        "Council tax for care leavers | care leaver discount; care leaver exemption | care leaver ||",
        "Council tax for annexes | annexe discount; granny annexe | annexe ||",
        "Council tax online account | council tax account; e-billing; paperless bills | online account | online",
        "Severe mental impairment discount | smi discount; dementia council tax | disregard ||",
    ],
    "council-tax-recovery": [
        "Council tax payment arrangements | payment plan; spread council tax | arrangement ||",
        "Insolvency and bankruptcy | bankruptcy; insolvency; debt relief order | dro ||",
    ],
    "business-rates": [
        "Business rates payments | pay business rates; business rates direct debit | nndr payment | online",
        "Charitable rate relief | charity rate relief; mandatory relief | charity ||",
        "Business rates for new premises | new business premises; moving business | occupation ||",
    ],
    "benefits-processing": [
        "Housing benefit for supported housing | supported accommodation benefit; exempt accommodation | "
        "hostel rent ||",
        "Benefit payment dates | when is housing benefit paid; payment date | payday ||",
        "Second adult rebate | alternative council tax reduction | second adult ||",
        "Local housing allowance | lha rates; local housing allowance | private rent benefit ||",
    ],
    "financial-hardship-support": [
        "Energy and warm home advice | heating costs; warm home; energy advice | fuel poverty ||",
        "Crisis support for essential items | emergency grant; crisis loan; essential items | "
        "cooker; bed | p=wyeshire-county-council",
    ],
    "housing-options": [
        "Hospital discharge and housing | leaving hospital homeless; discharge | ward discharge ||",
        "Prison release and housing | leaving prison homeless; prison release | ex offender ||",
        "Young people and homelessness | 16 17 year old homeless; young homeless | care leaver ||",
        "Severe weather emergency protocol | swep; cold weather shelter | emergency bed ||",
    ],
    "housing-register": [
        "Housing register change of circumstances | update housing application; change housing details | "
        "housing band ||",
        "Sheltered housing | retirement housing; older people housing; sheltered accommodation | warden ||",
        "Right to buy | right to buy; buy my council house | rtb | p=wyebridge-homes",
    ],
    "private-sector-housing": [
        "Gas safety in rented homes | gas safety certificate; landlord gas check | gas safety ||",
        "Carbon monoxide and smoke alarms | smoke alarm; carbon monoxide alarm | co alarm ||",
        "Landlord licensing | selective licensing; landlord licence | licence landlord ||",
        "Overcrowding | overcrowded; too many people living | overcrowding ||",
    ],
    "home-adaptations": [
        "Stairlifts and through-floor lifts | stairlift; through floor lift | lift ||",
        "Minor adaptations | grab rails; handrails; key safe | rails ||",
    ],
    "planning-applications": [
        "Lawful development certificates | certificate of lawfulness; lawful development | ldc | online",
        "Prior approval | prior approval; larger home extension | prior notification ||",
        "Planning application fees | planning fee; how much is planning | fees ||",
    ],
    "planning-enforcement": [
        "Change of use without permission | business from home; change of use | unauthorised use ||",
        "Caravans and mobile homes | caravan on land; traveller site; unauthorised encampment | encampment ||",
    ],
    "building-control": [
        "Loft conversions and building regulations | loft conversion; building regs loft | loft ||",
        "Party wall matters | party wall; neighbour's wall | boundary wall ||",
    ],
    "land-charges-and-street-naming": [
        "Postcodes for new developments | new postcode; postcode change | royal mail ||",
    ],
    "food-and-safety": [
        "Food safety advice for businesses | food safety training; haccp | business advice ||",
        "Smoking in enclosed public places | smoking in pub; no smoking sign | smoking ban ||",
        "Legionella and cooling towers | legionella; cooling tower | water hygiene ||",
    ],
    "environmental-protection": [
        "Noise from businesses | pub noise; factory noise; construction noise | building site noise ||",
        "Private water supplies | private water supply; borehole | well water ||",
        "Dust and smoke from businesses | dust from building site; chimney smoke | dust ||",
    ],
    "pest-control": [
        "Pest control for businesses | commercial pest control; business pest contract | restaurant pests ||",
    ],
    "animal-welfare": [
        "Microchipping dogs | dog microchip; chip my dog | microchip ||",
        "Dog control orders | dogs on leads; dogs banned from park | public spaces protection order ||",
    ],
    "licensing-team": [
        "Sex establishment licences | sex shop licence; lap dancing | sexual entertainment venue ||",
        "Licensing reviews and objections | object to licence; licence review | licensing hearing ||",
        "Late night noise from licensed premises | pub noise late; club noise | licensed premises noise ||",
    ],
    "taxi-licensing": [
        "Taxi fares and tariffs | taxi fare; meter charges | tariff ||",
    ],
    "parking-enforcement": [
        "School parking problems | parking outside school; school gate parking | school run ||",
        "Parking bay suspensions | suspend a parking bay; skip on road | bay suspension | online",
    ],
    "parking-permits-and-car-parks": [
        "Car park lighting and repairs | car park light broken; pothole in car park | car park repair ||",
        "Motorhomes and overnight parking | motorhome parking; sleeping in car park | overnight ||",
    ],
    "parks-and-open-spaces": [
        "Park opening and closing times | park gates; when does the park close | opening times ||",
        "Skate parks and ball courts | skate park; multi use games area; muga | ball court ||",
        "Ponds, lakes and water safety | pond; lake; water safety | drowning risk ||",
    ],
    "trees-and-grounds-maintenance": [
        "Tree planting and free trees | plant a tree; free tree; memorial tree | tree planting ||",
    ],
    "sport-and-leisure": [
        "Exercise on referral | gp referral exercise; health walks | exercise ||",
    ],
    "community-safety-team": [
        "Community protection warnings | cpw; community protection notice | cpn ||",
        "Street drinking | drinking in the street; alcohol in park | street drinkers ||",
    ],
    "emergency-planning": [
        "Power cuts | power cut; no electricity | electricity outage ||",
    ],
    "electoral-services": [
        "Standing for election | become a councillor; nomination papers | candidate ||",
    ],
    "democratic-services": [
        "Councillors' register of interests | register of interests; declarations | interests ||",
    ],
    "cemeteries-and-crematorium": [
        "Exhumations | exhumation; move a grave | exhume ||",
        "Book of remembrance | remembrance book; memorial book | book of remembrance ||",
    ],
    "income-and-payments": [
        "Direct debit problems | direct debit cancelled; direct debit failed | bank details change ||",
    ],
    "fraud-and-investigations": [
        "Whistleblowing | whistleblower; report wrongdoing | whistleblowing ||",
    ],
    "business-support": [
        "Business advice events | business workshops; growth hub | networking ||",
    ],
}

# Staff names: British first and last names.
FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Eleanor",
    "Farhan",
    "Grace",
    "Harry",
    "Imogen",
    "Jack",
    "Kiran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rhys",
    "Sophie",
    "Tomasz",
    "Uma",
    "Vikram",
    "Wendy",
    "Yusuf",
    "Zara",
    "Gareth",
    "Bethan",
    "Dylan",
    "Megan",
    "Callum",
    "Hannah",
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Sophia",
    "Freya",
    "Poppy",
    "Emily",
    "Ella",
    "Charlotte",
    "Evie",
    "Florence",
    "Alice",
    "Sienna",
    "Daisy",
    "Siobhan",
    "Rhiannon",
    "Ruth",
    "Margaret",
    "Susan",
    "Karen",
    "Helen",
    "Noah",
    "George",
    "Arthur",
    "Leo",
    "Muhammad",
    "Oscar",
    "Archie",
    "Henry",
    "Theo",
    "Charlie",
    "Freddie",
    "Alfie",
    "Thomas",
    "James",
    "William",
    "Samuel",
    "Joseph",
    "Adam",
    "Owen",
    "Kwame",
    "Piotr",
    "Raj",
    "Imran",
    "Hassan",
    "David",
    "Paul",
    "Mark",
    "Stephen",
    "Ian",
    "Neil",
    "Colin",
    "Andrew",
    "Peter",
    "Simon",
    "Graham",
]
LAST_NAMES = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Edwards",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jenkins",
    "Kowalski",
    "Lewis",
    "Morris",
    "Nowak",
    "Owen",
    "Powell",
    "Rees",
    "Singh",
    "Thomas",
    "Walker",
    "Williams",
    "Wright",
    "Yates",
    "Bennett",
    "Chaudhry",
    "Hall",
    "Murphy",
    "Roberts",
    "Taylor",
    "Ward",
    "Harris",
    "Smith",
    "Jones",
    "Brown",
    "Evans",
    "Wilson",
    "Johnson",
    "Robinson",
    "Thompson",
    "White",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Cook",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Miller",
    "Cox",
    "Khan",
    "Ali",
    "Begum",
    "Hussain",
    "Kaur",
    "Okafor",
    "Mensah",
    "O'Brien",
    "McDonald",
    "Fraser",
    "Campbell",
    "Reid",
    "Chapman",
    "Pearson",
    "Marshall",
    "Lloyd",
]
JOB_TITLES = [
    "Team leader",
    "Senior officer",
    "Officer",
    "Assistant officer",
    "Technical officer",
    "Assistant",
    "Enforcement officer",
    "Case officer",
    "Inspector",
    "Administrator",
    "Coordinator",
    "Specialist",
    "Manager",
    "Apprentice",
]


# --- The benchmark's council -------------------------------------------------------------------

# name -> (summary, subjects as (subject, synonyms))
SUBJECT_AREAS: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {
    "Waste and recycling": (
        "Bin collections, recycling, garden waste and bulky items.",
        [
            ("Bin collection day", ["rubbish day", "refuse collection", "when is my bin collected"]),
            ("Missed bin", ["bin not emptied", "missed collection", "rubbish not collected"]),
            ("New or replacement bin", ["wheelie bin", "broken bin", "stolen bin", "extra bin"]),
            ("Recycling box", ["recycling bin", "blue bin", "kerbside recycling"]),
            ("Garden waste", ["green bin", "brown bin", "garden bin subscription"]),
            ("Food waste caddy", ["food bin", "kitchen caddy", "compostable liners"]),
            ("Bulky waste collection", ["large items", "furniture collection", "mattress collection"]),
            ("Assisted bin collection", ["help with bins", "pull out service", "disabled bin collection"]),
            ("Clinical waste", ["sharps", "medical waste", "needles collection"]),
            ("Commercial waste", ["trade waste", "business bins", "trade waste agreement"]),
            ("Household waste and recycling centre", ["tip", "dump", "recycling centre", "skip site"]),
            ("Bin collections over bank holidays", ["christmas bin collections", "holiday collections"]),
            ("Textile recycling", ["clothes bank", "textiles", "shoe bank"]),
            ("Electrical items recycling", ["weee", "small electricals", "batteries recycling"]),
        ],
    ),
    "Streets and environment": (
        "Clean streets, fly-tipping, graffiti and public toilets.",
        [
            ("Fly-tipping", ["flytipping", "dumped rubbish", "illegal dumping", "fly tipping"]),
            ("Street cleaning", ["street sweeping", "litter", "road sweeper"]),
            ("Graffiti", ["offensive graffiti", "vandalism", "tagging"]),
            ("Dog fouling", ["dog poo", "dog mess", "dog bin"]),
            ("Litter bins", ["overflowing bin", "street bin", "litter bin emptying"]),
            ("Abandoned vehicles", ["abandoned car", "dumped car", "untaxed car"]),
            ("Public toilets", ["toilets", "public conveniences", "radar key"]),
            ("Needles found in public", ["discarded needles", "syringes", "drug litter"]),
            ("Chewing gum removal", ["gum on pavement", "chewing gum"]),
            ("Dead animals on the road", ["dead animal", "roadkill", "dead fox"]),
            ("Street naming and numbering", ["new address", "house numbering", "street name plate"]),
        ],
    ),
    "Council tax": (
        "Bills, payments, discounts and exemptions.",
        [
            ("Council tax bill", ["ctax", "council tax statement", "annual bill"]),
            ("Council tax payment", ["pay council tax", "direct debit", "instalments"]),
            ("Single person discount", ["25 percent discount", "living alone discount", "spd"]),
            ("Council tax exemption", ["empty property exemption", "student exemption", "exempt"]),
            ("Council tax band", ["valuation band", "band appeal", "rebanding"]),
            ("Moving home council tax", ["change of address", "moving out", "moving in"]),
            ("Council tax arrears", ["reminder notice", "summons", "liability order", "enforcement agents"]),
            ("Council tax reduction", ["council tax support", "ctr", "help paying council tax"]),
            ("Second homes and empty homes premium", ["empty homes premium", "second home"]),
            ("Council tax refund", ["overpayment", "credit on account", "refund"]),
        ],
    ),
    "Benefits": (
        "Housing benefit, council tax support and help with living costs.",
        [
            ("Housing benefit", ["hb", "rent help", "housing allowance"]),
            ("Change of circumstances", ["report a change", "new job", "income change"]),
            ("Housing benefit overpayment", ["overpaid benefit", "benefit debt"]),
            ("Discretionary housing payment", ["dhp", "shortfall in rent", "bedroom tax help"]),
            ("Free school meals", ["school meals", "fsm", "pupil premium"]),
            ("Household support fund", ["cost of living help", "energy help", "food vouchers"]),
            ("Benefit appeal", ["reconsideration", "appeal a decision", "tribunal"]),
            ("Proof of benefit entitlement", ["benefit letter", "entitlement letter"]),
            ("Pension age benefits", ["pension credit", "pensioner help"]),
        ],
    ),
    "Housing": (
        "Housing advice, homelessness, the housing register and private renting.",
        [
            ("Homelessness", ["homeless", "nowhere to stay", "eviction", "sofa surfing", "rough sleeping"]),
            ("Housing register", ["council house", "social housing", "housing waiting list", "choice based lettings"]),
            ("Private rented housing conditions", ["damp and mould", "landlord repairs", "disrepair"]),
            ("Houses in multiple occupation", ["hmo", "hmo licence", "shared house"]),
            ("Disabled facilities grant", ["dfg", "stairlift", "adaptations", "level access shower"]),
            ("Empty homes", ["empty property", "derelict house", "vacant home"]),
            ("Rough sleeper outreach", ["streetlink", "rough sleeper", "someone sleeping rough"]),
            ("Temporary accommodation", ["emergency housing", "b and b", "hostel"]),
            ("Tenancy deposit problems", ["deposit", "landlord kept deposit"]),
            ("Housing allocations appeal", ["banding review", "housing decision review"]),
        ],
    ),
    "Planning": (
        "Planning applications, advice and enforcement.",
        [
            ("Planning application", ["planning permission", "apply for planning", "householder application"]),
            (
                "Comment on a planning application",
                ["object to planning", "planning objection", "neighbour notification"],
            ),
            ("Planning enforcement", ["breach of planning", "unauthorised building", "planning complaint"]),
            ("Pre-application advice", ["pre app", "planning advice", "duty planner"]),
            ("Trees and hedges", ["tree preservation order", "tpo", "high hedges", "conservation area tree"]),
            ("Listed buildings", ["listed building consent", "heritage", "conservation area"]),
            ("Local plan", ["development plan", "local plan consultation", "neighbourhood plan"]),
            ("Lawful development certificate", ["permitted development", "ldc", "do i need planning"]),
            ("Planning appeal", ["appeal refusal", "planning inspectorate"]),
            ("Land charges", ["local search", "con29", "llc1"]),
        ],
    ),
    "Building control": (
        "Building regulations, dangerous structures and demolition.",
        [
            ("Building regulations application", ["building regs", "full plans", "building notice"]),
            ("Building control inspection", ["site inspection", "book an inspection", "completion certificate"]),
            ("Dangerous structures", ["dangerous building", "unsafe wall", "collapsed wall"]),
            ("Demolition notice", ["demolition", "knock down a building"]),
            ("Regularisation certificate", ["retrospective building regs", "regularisation"]),
        ],
    ),
    "Environmental health": (
        "Noise, pests, food safety, pollution and public health.",
        [
            ("Noise nuisance", ["noisy neighbours", "loud music", "barking dog", "noise complaint"]),
            ("Pest control", ["rats", "mice", "wasps nest", "bed bugs", "cockroaches"]),
            ("Food hygiene", ["food poisoning", "dirty restaurant", "food hygiene rating"]),
            ("Food business registration", ["register a food business", "home baking business"]),
            ("Air quality", ["air pollution", "bonfire smoke", "smoke nuisance"]),
            ("Contaminated land", ["land contamination", "pollution of land"]),
            ("Private water supplies", ["borehole", "well water", "private water"]),
            ("Pollution from businesses", ["odour", "smell", "industrial noise"]),
            ("Health and safety at work", ["accident at work", "workplace safety", "riddor"]),
            ("Stray dogs", ["lost dog", "dog warden", "found dog"]),
            ("Light nuisance", ["security light", "floodlights", "bright lights"]),
        ],
    ),
    "Licensing": (
        "Alcohol, taxis, gambling, animals and street trading.",
        [
            ("Premises licence", ["alcohol licence", "pub licence", "licensed premises"]),
            ("Personal licence", ["personal licence holder", "sell alcohol"]),
            ("Temporary event notice", ["ten", "event licence", "one off event"]),
            ("Taxi and private hire licence", ["taxi driver licence", "hackney carriage", "private hire vehicle"]),
            ("Taxi complaint", ["taxi driver complaint", "overcharged taxi"]),
            ("Animal licence", ["dog breeding licence", "pet shop licence", "dog boarding", "riding school"]),
            ("Street trading", ["market stall", "street trader", "burger van"]),
            ("Gambling licence", ["betting shop", "lottery registration", "gaming machines"]),
            ("Scrap metal licence", ["scrap dealer", "scrap metal"]),
            ("Pavement licence", ["tables and chairs", "outdoor seating"]),
        ],
    ),
    "Parking": (
        "Car parks, permits and parking fines.",
        [
            ("Parking permit", ["residents permit", "car park season ticket", "visitor permit"]),
            ("Penalty charge notice", ["parking fine", "pcn", "parking ticket", "appeal parking fine"]),
            ("Car parks", ["car park charges", "pay and display", "car park opening times"]),
            ("Blue badge parking", ["disabled parking", "blue badge bay"]),
            ("Parking enforcement", ["illegal parking", "parked on double yellow lines", "blocked driveway"]),
            ("Electric vehicle charging", ["ev charging", "charge point", "electric car"]),
        ],
    ),
    "Parks and open spaces": (
        "Parks, play areas, allotments and cemeteries.",
        [
            ("Parks and play areas", ["playground", "park", "broken swing", "play equipment"]),
            ("Allotments", ["allotment plot", "allotment waiting list"]),
            ("Grass cutting", ["overgrown grass", "mowing", "verge cutting"]),
            ("Council trees", ["tree on council land", "fallen tree", "overhanging tree"]),
            ("Cemeteries and burials", ["burial", "grave", "memorial", "cremated remains"]),
            ("Sports pitches", ["football pitch", "pitch booking", "tennis courts"]),
            ("Events in parks", ["park event", "hire a park", "fun fair"]),
        ],
    ),
    "Leisure and culture": (
        "Leisure centres, museums, theatres and community halls.",
        [
            ("Leisure centre", ["swimming pool", "gym", "sports centre"]),
            ("Museum", ["museum opening times", "exhibitions", "local history"]),
            ("Community hall hire", ["room hire", "village hall", "venue hire"]),
            ("Arts and events", ["festival", "theatre", "what's on"]),
            ("Community grants", ["funding", "voluntary sector grant", "grant application"]),
        ],
    ),
    "Elections and registration": (
        "Electoral register, voting and elections.",
        [
            ("Register to vote", ["electoral register", "voter registration", "electoral roll"]),
            ("Postal vote", ["vote by post", "postal voting", "proxy vote"]),
            ("Polling stations", ["where do i vote", "polling card", "polling place"]),
            ("Voter ID", ["voter authority certificate", "photo id to vote"]),
            ("Annual canvass", ["household enquiry form", "canvass form"]),
            ("Elections results", ["election results", "councillors elected", "by-election"]),
        ],
    ),
    "Business and economy": (
        "Business rates, support for business and markets.",
        [
            ("Business rates", ["nndr", "non domestic rates", "rates bill"]),
            ("Small business rate relief", ["rate relief", "sbrr", "business rates discount"]),
            ("Business support", ["start a business", "business advice", "business grants"]),
            ("Markets", ["market traders", "farmers market", "market pitch"]),
            ("Invoices and paying the council", ["pay an invoice", "sundry debt", "council invoice"]),
            ("Selling to the council", ["procurement", "tenders", "contracts"]),
        ],
    ),
    "Community safety": (
        "Antisocial behaviour, CCTV and community safety.",
        [
            ("Antisocial behaviour", ["asb", "youths causing trouble", "nuisance neighbours"]),
            ("CCTV", ["cctv footage", "camera", "surveillance"]),
            ("Community trigger", ["asb case review", "community trigger"]),
            ("Safeguarding concern", ["worried about someone", "vulnerable adult", "child at risk"]),
            ("Domestic abuse", ["domestic violence", "abuse", "refuge"]),
            ("Modern slavery", ["human trafficking", "forced labour"]),
        ],
    ),
    "Customer services": (
        "Contacting the council, complaints and general enquiries.",
        [
            ("Complaint about the council", ["complaint", "unhappy with service", "make a complaint"]),
            ("Compliment", ["thank you", "praise", "compliment a member of staff"]),
            ("Freedom of information request", ["foi", "information request", "subject access request"]),
            ("Contact your councillor", ["ward councillor", "councillor", "mp"]),
            ("Council offices opening times", ["opening hours", "reception", "visit the council offices"]),
            ("Interpreting and accessibility", ["translation", "interpreter", "large print", "easy read"]),
        ],
    ),
}

# Subjects another body deals with: (subject, synonyms, partner name). The council signposts these.
PARTNER_SUBJECTS: list[tuple[str, list[str], str, str]] = [
    ("Potholes", ["pothole", "road defect", "damaged road"], "Wyeshire County Council", "Streets and environment"),
    (
        "Street lights",
        ["street light out", "lamp post", "broken street light"],
        "Wyeshire County Council",
        "Streets and environment",
    ),
    (
        "School admissions",
        ["school place", "apply for a school", "school transport"],
        "Wyeshire County Council",
        "Customer services",
    ),
    (
        "Adult social care",
        ["care home", "carer support", "care assessment"],
        "Wyeshire County Council",
        "Community safety",
    ),
    ("Libraries", ["library", "library card", "renew books"], "Wyeshire County Council", "Leisure and culture"),
    ("Blue badge application", ["blue badge", "disabled badge"], "Wyeshire County Council", "Parking"),
    (
        "Registering a birth or death",
        ["register a death", "birth certificate", "registrar", "marriage"],
        "Wyeshire County Council",
        "Customer services",
    ),
    (
        "Flooding from rivers",
        ["river flooding", "flood warning", "main river"],
        "Environment Agency",
        "Streets and environment",
    ),
    ("Crime reporting", ["report a crime", "police", "burglary", "101"], "Wyeshire Police (101)", "Community safety"),
    (
        "GP and NHS services",
        ["doctor", "gp surgery", "nhs 111", "dentist"],
        "NHS Wyeshire Integrated Care Board",
        "Customer services",
    ),
    ("Universal Credit", ["uc", "universal credit claim", "jobcentre"], "Department for Work and Pensions", "Benefits"),
    ("State pension", ["pension", "pension age"], "Department for Work and Pensions", "Benefits"),
    ("Vehicle tax", ["car tax", "dvla", "sorn"], "DVLA", "Parking"),
    ("Housing association repairs", ["housing association", "social landlord repair"], "Wyebridge Homes", "Housing"),
    ("Debt advice", ["money advice", "debt help", "budgeting"], "Citizens Advice Wyebridge", "Benefits"),
    (
        "Water and sewerage",
        ["burst water main", "sewer", "blocked drain", "water bill"],
        "Wye Valley Water",
        "Streets and environment",
    ),
    (
        "Trading standards",
        ["rogue trader", "scam", "doorstep crime"],
        "Wyeshire Trading Standards",
        "Environmental health",
    ),
    (
        "Fire safety",
        ["smoke alarm", "fire risk", "home fire safety check"],
        "Wyeshire Fire and Rescue Service",
        "Community safety",
    ),
    ("Public rights of way", ["footpath", "bridleway", "stile"], "Wyeshire County Council", "Parks and open spaces"),
    ("Income tax", ["hmrc", "tax code", "self assessment"], "HM Revenue and Customs", "Business and economy"),
]

# What a resident wants to do about a subject; topic names are "<subject>: <action>".
ACTIONS: list[tuple[str, list[str]]] = [
    ("find out more", ["information", "advice"]),
    ("apply", ["application", "request"]),
    ("report a problem", ["report", "problem"]),
    ("pay", ["payment", "pay online"]),
    ("change your details", ["update details", "change address"]),
    ("check progress", ["progress", "update on my request", "chase"]),
    ("cancel", ["stop", "cancellation"]),
    ("renew", ["renewal", "extend"]),
    ("make a complaint", ["complain", "complaint"]),
    ("appeal a decision", ["appeal", "review"]),
    ("fees and charges", ["cost", "how much", "price"]),
    ("eligibility", ["who can apply", "am i eligible"]),
    ("forms and documents", ["form", "paper form", "evidence"]),
    ("for businesses", ["business", "commercial"]),
    ("for landlords", ["landlord", "letting agent"]),
    ("help if you are disabled", ["disability", "accessible"]),
    ("urgent and out of hours", ["emergency", "out of hours", "evening and weekend"]),
    ("book an appointment", ["appointment", "visit"]),
    ("opening times", ["hours", "when open"]),
    ("contact the team", ["phone number", "email address"]),
    ("policies and strategies", ["policy", "strategy"]),
    ("consultations", ["consultation", "have your say"]),
    ("get a refund", ["refund", "money back"]),
    ("if you are moving home", ["moving", "new address"]),
    ("after a bereavement", ["death", "someone has died"]),
    ("for tenants", ["tenant", "renting"]),
    ("for community groups", ["charity", "voluntary group"]),
    ("for councillors", ["member enquiry", "ward"]),
    ("performance and statistics", ["statistics", "performance"]),
    ("privacy notice", ["data protection", "personal data"]),
    ("translations and easy read", ["translation", "easy read"]),
    ("what to expect", ["next steps", "what happens next"]),
    ("how long it takes", ["timescales", "response time"]),
    ("guidance notes", ["guidance", "help notes"]),
]

TEAM_SUFFIXES: list[str] = [
    "team",
    "operations",
    "enforcement",
    "advice",
    "assessments",
    "support",
    "customer team",
    "technical team",
    "admin team",
    "north team",
    "south team",
    "visiting team",
]

# Who callers should contact instead while an officer is away. Never the reason for the absence:
# callers are told only that the officer is not available until a time.
CALLER_NOTES: list[str] = ["", "", "Ask for the duty officer", "Ask for the team leader", "Email the team instead"]

# What people type into the search boxes: real words and the misspellings advisers see every day.
SEARCH_TERMS: list[str] = [
    "missed bin",
    "council tax",
    "fly tipping",
    "garden waste",
    "parking permit",
    "housing benefit",
    "planning application",
    "noise complaint",
    "pest control",
    "dog fouling",
    "potholes",
    "homeless",
    "recyling",  # recycling
    "counsil tax",  # council tax
    "flytiping",  # fly-tipping
    "parkng fine",  # parking fine
    "benifit",  # benefit
    "planing permision",  # planning permission
    "grafitti",  # graffiti
    "abandonned car",  # abandoned car
    "licence",
    "bulky waste",
]
