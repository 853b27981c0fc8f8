"""The words of an invented district council, Wyebridge: one vocabulary for the demo
(`directory.demo`, `manage.py seed_demo`) and the benchmark generator (`bench/generate/`).

Invented throughout. Phone numbers are from Ofcom's drama ranges (01632 960xxx for the council
and local bodies, 020 7946 0xxx for demo officers' direct lines, 0306 999 0xxx and 0808 157 0xxx for
national bodies), or the real 101, 111 and 0800 111 999 (gas emergencies), so every one passes
`directory.phones.phone_normalise`. In the demo no number belongs to two entries: a team that
answers on its service area's number has no public number of its own (the area's is shown).

The demo council, hand-written:
- PARTNERS: other bodies the council signposts to (the demo has the first DEMO_PARTNERS, the
  benchmark as many as its scale asks for).
- AREAS: service area -> its details and teams; each team -> its details and topics. A topic line
  is "Name | synonyms; ... | keywords; ... | flags | adviser script (optional)"; flags:
  "p=<partner slug>" signposted to a partner, "online" can be done online, "internal" staff only.
  The adviser script of a partner topic is in PARTNER_TOPICS, not its line.
  EXTRA_TOPICS: more topic lines by team slug. The search-quality tests expect these slugs.
- TOPIC_PAGES: each topic's public page by slug (a name as a task, what it is, what it costs);
  PARTNER_TOPICS: each partner topic's referral text and adviser script.
- CONTACT_DETAILS: the council's customer services; TEAM_JOBS: job titles by team.

The benchmark's much larger council, generated from:
- SUBJECT_AREAS: each service area's subjects as (subject, synonyms); topics are subject x action
  from ACTIONS ("Garden waste: renew", "Council tax: pay"), thousands of distinct, searchable
  entries without inventing nonsense words. PARTNER_SUBJECTS are subjects a partner deals with.
- TEAM_SUFFIXES, CALLER_NOTES and SEARCH_TERMS (what the load test searches for).

Both: FIRST_NAMES and LAST_NAMES for staff; JOB_TITLES for the benchmark's.
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
        "out of hours, the Emergency Duty Team is on 01632 960905.",
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
        "0306 999 0930",
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
        "0808 157 0950",
        "https://www.environment-agency.example.gov.uk",
        "Incident hotline 24 hours a day",
        "For flooding from a main river or a river pollution incident give the 24-hour incident hotline.",
    ),
    (
        "valuation-office-agency",
        "Valuation Office Agency",
        "Council tax bands and business rates valuations, challenges to a band or rateable value.",
        "0306 999 0960",
        "https://www.voa.example.gov.uk",
        "Monday to Friday, 9am to 4:30pm",
        "The council cannot change a band: the caller challenges it with the Valuation Office Agency.",
    ),
    (
        "rspca",
        "RSPCA",
        "Animals being treated cruelly, neglected or in distress, injured wild animals.",
        "0306 999 0970",
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
        "0306 999 0942",
        "https://www.department-for-work-and-pensions.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller the number for Department for Work and Pensions and tell them what to have ready.",
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
        "0306 999 0946",
        "https://www.hm-revenue-and-customs.example.org.uk",
        "Monday to Friday, 9am to 5pm",
        "Give the caller the number for HM Revenue and Customs and tell them what to have ready.",
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
        "Give the caller the number for National Highways and tell them what to have ready.",
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
                "",
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
                "",
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
                    "grass cuttings; hedge trimmings | online | The service runs March to November; £49 a year "
                    "for each bin.",
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
                    "sofa; fridge; mattress; white goods | online | Up to 3 items for £35, then £10 an item; fridges "
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
                "",
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
                "",
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
                "",
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
                "",
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
                "",
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
                "01632 960880",
                "",
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
                "01632 960890",
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
                "",
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
                "",
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
                "01632 960122",
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
                    "p=wyeshire-county-council",
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
                "01632 960152",
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
                "01632 960172",
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
                "01632 960182",
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

# The council's customer services contact details (directory.ContactDetails), shown on every
# public page. The phone number is the Customer services area's own: the same people answer it.
CONTACT_DETAILS = {
    "name": "Customer services",
    "phone": "01632 960000",
    "email": "customer.services@wyebridge.example.gov.uk",
    "address": "Wyebridge District Council\nCivic Offices\nHigh Street\nWyebridge\nWY1 1AA",
    "opening_hours": "Monday to Thursday, 8:30am to 5pm\nFriday, 8:30am to 4:30pm",
}

# Job titles by team slug: (the team's officers, its most junior post), in sentence case. A team's
# demo officers are its team leader, a senior officer, an officer and (in most teams) the junior.
TEAM_JOBS: dict[str, tuple[str, str]] = {
    "customer-contact-centre": ("customer services adviser", "apprentice customer services adviser"),
    "customer-service-centres": ("customer service centre adviser", "receptionist"),
    "waste-collections": ("waste services officer", "waste services assistant"),
    "bulky-and-trade-waste": ("trade waste officer", "bulky waste booking assistant"),
    "street-cleansing": ("street scene officer", "apprentice street scene officer"),
    "ict-service-desk": ("IT support analyst", "apprentice IT support analyst"),
    "council-tax": ("council tax officer", "council tax assistant"),
    "council-tax-recovery": ("recovery officer", "recovery assistant"),
    "business-rates": ("business rates officer", "business rates assistant"),
    "benefits-processing": ("benefits assessor", "trainee benefits assessor"),
    "financial-hardship-support": ("financial inclusion officer", "hardship support assistant"),
    "housing-options": ("housing options officer", "homelessness prevention assistant"),
    "housing-register": ("housing register officer", "lettings assistant"),
    "private-sector-housing": ("private sector housing officer", "housing technical assistant"),
    "home-adaptations": ("home improvement grants officer", "adaptations technician"),
    "planning-applications": ("planning officer", "planning technician"),
    "planning-enforcement": ("planning enforcement officer", "enforcement assistant"),
    "building-control": ("building control surveyor", "trainee building control surveyor"),
    "planning-policy": ("planning policy officer", "graduate planner"),
    "land-charges-and-street-naming": ("land charges officer", "street naming and numbering assistant"),
    "food-and-safety": ("environmental health officer", "food safety technical officer"),
    "environmental-protection": ("environmental protection officer", "pollution technical officer"),
    "pest-control": ("pest control technician", "apprentice pest control technician"),
    "animal-welfare": ("animal welfare officer", "dog warden"),
    "licensing-team": ("licensing officer", "licensing assistant"),
    "taxi-licensing": ("taxi licensing officer", "licensing support assistant"),
    "parking-enforcement": ("civil enforcement officer", "parking appeals assistant"),
    "parking-permits-and-car-parks": ("parking services officer", "permits assistant"),
    "parks-and-open-spaces": ("parks officer", "parks apprentice"),
    "trees-and-grounds-maintenance": ("tree officer", "grounds maintenance apprentice"),
    "sport-and-leisure": ("sport and physical activity officer", "activities assistant"),
    "community-safety-team": ("antisocial behaviour officer", "community safety assistant"),
    "cctv-control-room": ("CCTV operator", "trainee CCTV operator"),
    "emergency-planning": ("emergency planning officer", "resilience assistant"),
    "electoral-services": ("electoral services officer", "elections assistant"),
    "democratic-services": ("democratic services officer", "committee assistant"),
    "cemeteries-and-crematorium": ("bereavement services officer", "crematorium assistant"),
    "income-and-payments": ("income officer", "payments assistant"),
    "fraud-and-investigations": ("fraud investigator", "intelligence assistant"),
    "business-support": ("business support officer", "economic development apprentice"),
}

# Topics another body deals with, by slug: (how residents contact that body about it, for the
# topic's public page; what the adviser says or does). Every partner topic has one.
PARTNER_TOPICS: dict[str, tuple[str, str]] = {
    "roads-and-pavements": (
        "Report a pothole or a broken pavement to Wyeshire County Council on its roads pages or by phoning "
        "01632 960900. If it is dangerous, phone them at any time.",
        "Roads and pavements are the County Council's. Give the caller 01632 960900 or the online road fault "
        "form. If the hole or trip hazard is dangerous now, ask them to phone rather than report online.",
    ),
    "street-lights": (
        "Report a street light that is out or damaged to Wyeshire County Council online, with the number on "
        "the lamp post. Exposed wires: phone 01632 960900 straight away.",
        "Ask for the number on the lamp post and the nearest house number, then give the County Council's "
        "online fault form. Exposed wiring or a leaning column is an emergency: 01632 960900, any time.",
    ),
    "schools-and-school-transport": (
        "Apply for a school place or school transport with Wyeshire County Council's admissions team online. "
        "For questions, phone 01632 960900.",
        "School admissions and school buses are run by the County Council. Give the admissions pages or "
        "01632 960900. Do not comment on a child's chances of a place.",
    ),
    "libraries": (
        "Wyeshire County Council runs the libraries. Renew books and check opening times online, or ask at "
        "any library.",
        "Libraries are the County Council's. Renewals and opening times are online; otherwise give 01632 960900.",
    ),
    "adult-social-care": (
        "Ask Wyeshire County Council for a care needs assessment, for yourself or someone you care for: phone "
        "01632 960900. Out of hours, the Emergency Duty Team is on 01632 960905.",
        "Care at home and carers' assessments are the County Council's. Give 01632 960900, or 01632 960905 out "
        "of hours for an emergency. If the person is at risk now, follow the safeguarding adults topic.",
    ),
    "urgent-medical-help": (
        "Phone 111 or use the NHS 111 website if you need medical help fast but it is not an emergency. In an "
        "emergency, call 999.",
        "Do not give medical advice. Tell the caller to phone 111. If they describe chest pain, breathing "
        "problems or someone unconscious, tell them to hang up and call 999.",
    ),
    "driving-licences": (
        "Apply for, renew or update a driving licence with the DVLA online, or phone 0306 999 0930.",
        "Driving licences are the DVLA's: give the DVLA website or 0306 999 0930. Changing an address on a "
        "licence is free online.",
    ),
    "household-recycling-centres": (
        "Wyeshire County Council runs the household recycling centres. Check opening times and what each site "
        "takes on its website before you go.",
        "The tips are the County Council's. Opening times are on their website; vans and trailers need a free "
        "permit from them. Give 01632 960900 for anything else.",
    ),
    "asbestos-disposal": (
        "Some household recycling centres take small amounts of asbestos if you book first. Book with Wyeshire "
        "County Council online or on 01632 960900.",
        "Tell the caller not to break asbestos sheets up. Small amounts go to a County Council tip by booking "
        "(01632 960900); larger jobs need a licensed contractor.",
    ),
    "hazardous-household-waste": (
        "Take paint, chemicals, batteries and gas bottles to a household recycling centre. Wyeshire County "
        "Council's website says which site takes what.",
        "Hazardous waste cannot go in any council bin. Send the caller to the County Council's recycling "
        "centre pages; gas bottles can often go back to the supplier.",
    ),
    "council-tax-bands": (
        "Only the Valuation Office Agency can change a council tax band. Check your band or challenge it on its "
        "website, or phone 0306 999 0960.",
        "We cannot change a band. Give the caller the Valuation Office Agency: online or 0306 999 0960. They "
        "must keep paying the bill they have while the challenge is looked at.",
    ),
    "rateable-value-challenges": (
        "Check or challenge your business property's rateable value with the Valuation Office Agency, through "
        "its online business rates account or on 0306 999 0960.",
        "Rateable values are set by the Valuation Office Agency, not us. Give 0306 999 0960; the business keeps "
        "paying its current bill meanwhile. Relief questions stay with business rates.",
    ),
    "universal-credit": (
        "Universal Credit is claimed from the Department for Work and Pensions online. Citizens Advice Wyebridge "
        "can help you claim: phone 01632 960940.",
        "UC claims are made to the DWP online. For help making a claim, offer a referral to Citizens Advice "
        "Wyebridge (01632 960940). Housing costs in UC are not housing benefit.",
    ),
    "free-school-meals": (
        "Apply for free school meals with Wyeshire County Council online. You need your National Insurance "
        "number and your child's date of birth.",
        "Free school meals are the County Council's. Give their online form or 01632 960900. We can confirm a "
        "housing benefit or council tax reduction award if they ask for proof.",
    ),
    "pension-credit": (
        "Pension Credit tops up a low State Pension. Citizens Advice Wyebridge can check if you can get it and "
        "help you apply: phone 01632 960940.",
        "Pension Credit is paid by the DWP. Offer a Citizens Advice referral (01632 960940): a Pension Credit "
        "award can also mean full council tax reduction, so mention both.",
    ),
    "debt-advice": (
        "Citizens Advice Wyebridge gives free, confidential debt advice. Phone 01632 960940, Monday to Friday, "
        "9am to 4pm, or ask us to refer you.",
        "With the caller's consent, send their name and number on the Citizens Advice referral form. If they "
        "owe council tax, also offer a payment arrangement.",
    ),
    "crisis-support-for-essential-items": (
        "Wyeshire County Council's crisis support scheme can help with essential items like a bed or cooker. "
        "Apply online or phone 01632 960900.",
        "Crisis awards are the County Council's. Give 01632 960900; if there is no food in the house today, "
        "also give the food bank details.",
    ),
    "housing-association-repairs": (
        "If Wyebridge Homes is your landlord, report repairs to them online or on 01632 960910. Emergency "
        "repairs are taken 24 hours a day.",
        "Former council homes belong to Wyebridge Homes: we do not do their repairs. Give 01632 960910; a gas "
        "smell is 0800 111 999 first.",
    ),
    "severn-vale-tenants": (
        "Severn Vale Housing Association tenants report repairs and rent questions to Severn Vale on "
        "01632 960920, Monday to Friday, 9am to 5pm.",
        "Check the landlord: Severn Vale homes are in the east of the district. Give 01632 960920. If the "
        "landlord is not acting on serious disrepair, the tenant can contact their MP or the Housing Ombudsman.",
    ),
    "council-house-rent": (
        "Pay your rent or ask about your rent account with Wyebridge Homes, online or on 01632 960910.",
        "The council no longer owns homes: rent is paid to Wyebridge Homes (01632 960910). If the caller is "
        "behind with rent and worried about eviction, also offer housing options.",
    ),
    "right-to-buy": (
        "Wyebridge Homes tenants who moved with the stock transfer may have the right to buy. Ask Wyebridge "
        "Homes on 01632 960910.",
        "Right to buy applications go to Wyebridge Homes (01632 960910), not the council.",
    ),
    "occupational-therapy-assessment": (
        "Ask Wyeshire County Council for an occupational therapy assessment on 01632 960900. It is the first "
        "step for most home adaptations.",
        "OT assessments are the County Council's (01632 960900). Tell the caller our disabled facilities grant "
        "follows on once the OT recommends the work.",
    ),
    "dropped-kerbs": (
        "Apply to Wyeshire County Council for a dropped kerb. There is a fee, and you may also need planning "
        "permission.",
        "Dropped kerbs are on the highway, so the County Council decides: give their online form or "
        "01632 960900. On a classified road, planning permission is needed too.",
    ),
    "food-allergies-and-labelling": (
        "Report wrong food labels or missing allergy information to Wyeshire County Council's trading "
        "standards team on 01632 960900.",
        "Labelling is trading standards, at the County Council (01632 960900). If someone was made ill by "
        "food, log a food poisoning complaint with us as well.",
    ),
    "flooding-from-rivers": (
        "For flooding from a main river, phone the Environment Agency's 24-hour incident hotline on "
        "0808 157 0950. Sign up for its free flood warnings.",
        "Main rivers are the Environment Agency's: give 0808 157 0950. If homes are flooding now, also offer "
        "sandbags and log it for emergency planning. Danger to life: 999.",
    ),
    "water-pollution": (
        "Report pollution in a river or stream, like oil, sewage or dead fish, to the Environment Agency on "
        "0808 157 0950, at any time.",
        "Give the Environment Agency incident hotline 0808 157 0950; they want the report while it is "
        "happening. Ask the caller not to touch the water.",
    ),
    "animal-cruelty": (
        "Report an animal being treated cruelly, neglected or injured to the RSPCA on 0306 999 0970, at any time.",
        "Cruelty and injured wild animals are the RSPCA's: give 0306 999 0970. Stray dogs stay with our "
        "animal welfare team.",
    ),
    "dangerous-dogs": (
        "If a dog has attacked someone, report it to Wyeshire Police on 101. If someone is hurt or in danger "
        "now, call 999.",
        "Dog attacks are a police matter: 101, or 999 if it is happening now. A stray dog that is not "
        "dangerous is ours: log it for the dog warden.",
    ),
    "untaxed-vehicles": (
        "Report an untaxed vehicle to the DVLA online. If it looks abandoned, report it to us as an abandoned vehicle.",
        "Untaxed vehicles are reported to the DVLA online (0306 999 0930). Only abandoned vehicles are ours: "
        "if it has not moved for weeks and looks dumped, log it as abandoned.",
    ),
    "dangerous-parking-and-obstruction": (
        "Report a vehicle parked dangerously or blocking the road to Wyeshire Police on 101. If it is stopping "
        "emergency vehicles, call 999.",
        "Obstruction and dangerous parking are police matters: 101. Yellow lines and permit bays are ours: log "
        "it for parking enforcement.",
    ),
    "hate-crime": (
        "Report hate crime to Wyeshire Police on 101 or online. If you are in danger now, call 999. You can "
        "also report through a third-party reporting centre.",
        "Listen, and check the caller is safe now (999 if not). Give 101 or the police online form. If it "
        "happened on a Wyebridge Homes estate, they can act as landlord too.",
    ),
    "drug-dealing": (
        "Report drug dealing to Wyeshire Police on 101. You can tell Crimestoppers anonymously instead.",
        "Drug dealing is for the police: 101. If needles are left lying around, log that for street cleansing.",
    ),
    "report-a-crime": (
        "Report a crime to Wyeshire Police on 101 or online. If a crime is happening now or someone is in "
        "danger, call 999.",
        "If it is happening now or anyone is in danger: 999. Otherwise 101 or online. Vandalism to council "
        "property can also be logged with us for repair.",
    ),
    "safeguarding-adults": (
        "If you are worried an adult is being abused or neglected, tell Wyeshire County Council's adult social "
        "care on 01632 960900 (01632 960905 out of hours). If they are in danger now, call 999.",
        "If someone is in danger now, 999. Otherwise refer to the County Council's adult social care team on "
        "01632 960900 and log the referral. Do not promise the caller secrecy.",
    ),
    "safeguarding-children": (
        "If you are worried about a child, phone Wyeshire County Council's children's services on "
        "01632 960900, or 01632 960905 out of hours. If a child is in danger now, call 999.",
        "Take the child's name and address if known, and what the caller saw. Give the County Council "
        "01632 960900 and log the referral. If the child is in danger now: 999.",
    ),
    "modern-slavery": (
        "If you think someone is being forced to work or exploited, report it to Wyeshire Police on 101. If "
        "they are in danger now, call 999.",
        "Signs include people who never leave the workplace or have no control of their documents. Give 101, "
        "or 999 if someone is in danger, and tell the community safety team.",
    ),
    "blue-badges": (
        "Apply for a blue badge, or renew one, with Wyeshire County Council online. Have a recent photo and "
        "proof of your address ready. It costs £10.",
        "Blue badges are issued by the County Council: give their online form or 01632 960900. Misuse of a "
        "badge in our car parks is ours: log it for fraud and investigations.",
    ),
    "gritting-and-icy-roads": (
        "Wyeshire County Council grits the main roads and fills salt bins. Report an empty salt bin or an icy "
        "road online or on 01632 960900.",
        "Gritting routes and salt bins are the County Council's: give their winter pages or 01632 960900. "
        "Council car parks are gritted by us.",
    ),
    "register-a-death": (
        "Register a death within 5 days at Wyeshire County Council's register office. Book an appointment "
        "online or on 01632 960900. Tell Us Once is offered at the appointment.",
        "Offer condolences first. Registration is by appointment with the County Council's registrars "
        "(01632 960900). Tell Us Once then tells us, including council tax and benefits.",
    ),
    "births-marriages-and-civil-partnerships": (
        "Register a birth, give notice of a marriage or civil partnership, or order a certificate with "
        "Wyeshire County Council's register office, online or on 01632 960900.",
        "Registration is the County Council's: give their online booking or 01632 960900. Births must be "
        "registered within 42 days.",
    ),
    "scam-warnings": (
        "Report a scam, a rogue trader or a doorstep caller to Wyeshire County Council's trading standards "
        "team on 01632 960900. If they are at your door now, call 999.",
        "Trading standards are the County Council's (01632 960900). If a rogue trader is at the caller's door "
        "now, or took money under pressure today, tell them to call 999.",
    ),
}

# Each topic's public page, by slug: (its name as a task, or "" to keep the name it has; what it is,
# for residents, in a sentence or two; what it costs, or "" when free or when cost does not come
# into it). Slugs stay as first published: a renamed topic keeps its address, and demo.py keeps its
# old name as one of its other names so searches for it still find it.
TOPIC_PAGES: dict[str, tuple[str, str, str]] = {
    # Customer services
    "make-a-complaint": (
        "",
        "Tell us if we got something wrong or you are unhappy with a council service. We reply within 10 working days.",
        "",
    ),
    "give-a-compliment": ("", "Tell us when a member of staff or a service has done well. We pass it on to them.", ""),
    "comments-and-suggestions": (
        "Make a comment or suggestion",
        "Tell us how we could do things better. We read every suggestion, but we only reply if you ask us to.",
        "",
    ),
    "out-of-hours-emergencies": (
        "",
        "Some problems cannot wait until we open, like a dangerous building or being homeless tonight. Phone "
        "our out-of-hours line on 01632 960999. For a gas leak, phone 0800 111 999.",
        "",
    ),
    "councillor-enquiries": (
        "",
        "Councillors can ask us about a problem on behalf of people in their ward. We reply to them within "
        "10 working days.",
        "",
    ),
    "freedom-of-information-requests": (
        "Make a freedom of information request",
        "Ask for information the council holds, like spending or contracts. We reply within 20 working days.",
        "Free",
    ),
    "roads-and-pavements": (
        "Report a pothole or broken pavement",
        "Potholes, broken or uneven pavements and damaged road signs on public roads.",
        "",
    ),
    "street-lights": (
        "Report a faulty street light",
        "Street lights that are out, flickering, on during the day or damaged.",
        "",
    ),
    "schools-and-school-transport": (
        "Apply for a school place or school transport",
        "Applying for a place at a school, and free school buses for children who live too far from their nearest "
        "suitable school.",
        "",
    ),
    "libraries": (
        "",
        "Borrowing and renewing books, library cards, computers and events at the district's libraries.",
        "",
    ),
    "adult-social-care": (
        "",
        "Help at home, care homes and support for carers. It starts with an assessment of what you need.",
        "",
    ),
    "urgent-medical-help": (
        "Get urgent medical help",
        "Medical help when you need it fast but it is not an emergency, day or night.",
        "",
    ),
    "driving-licences": (
        "Apply for or update a driving licence",
        "Applying for a provisional or full driving licence, renewing it, or changing your name or address on it.",
        "",
    ),
    "change-of-address": (
        "Tell us you are moving home",
        "Use one form to tell us your new address. We update your council tax, "
        "bin collections and the electoral register.",
        "",
    ),
    "council-offices-and-opening-hours": (
        "",
        "Find our offices and when they are open. Most things can be done online or by phone at any time.",
        "",
    ),
    "data-protection-requests": (
        "Ask for the personal information we hold about you",
        "You have the right to a copy of the personal "
        "information the council holds about you. We reply within one month.",
        "Free",
    ),
    "local-government-ombudsman": (
        "Complain to the Local Government Ombudsman",
        "If you are still unhappy after our final reply to your complaint, the Ombudsman can look at it independently.",
        "Free",
    ),
    "accessibility-of-council-information": (
        "Ask for information in another format",
        "We can give you our letters and leaflets in large print, easy read, braille or audio.",
        "Free",
    ),
    "face-to-face-appointments": (
        "Book a face-to-face appointment",
        "Meet an adviser at one of our customer service centres. Booking means you will not have to wait.",
        "",
    ),
    "help-using-the-council-website": (
        "Get help using our website",
        "If you find it hard to use the internet, our staff can help you do "
        "things online at any customer service centre.",
        "Free",
    ),
    "interpreting-and-translation": (
        "Ask for an interpreter",
        "We can arrange a phone or face-to-face interpreter, including British Sign Language, when you contact us.",
        "Free",
    ),
    "lost-property-in-council-buildings": (
        "",
        "Ask about something left in a council office, leisure centre or other council building. We keep "
        "items for 3 months.",
        "",
    ),
    "self-service-tablets": (
        "",
        "Use a tablet at any of our offices to do council business online, with staff nearby to help.",
        "Free",
    ),
    "document-verification": (
        "Get your documents checked",
        "Bring proof of identity or other documents to an office and we will "
        "copy and check them for your application, so you do not have to post originals.",
        "Free",
    ),
    # Waste and recycling
    "missed-bin-collection": (
        "Report a missed bin",
        "Tell us if your bin was not emptied on collection day. Report it by the end of "
        "the next working day and we will come back within 2 working days.",
        "",
    ),
    "bin-collection-days": (
        "Check your bin collection day",
        "Find out which bins are collected on which day at your address.",
        "",
    ),
    "new-or-replacement-bins": (
        "Order a new or replacement bin",
        "Order a bin if yours is broken, lost or stolen. Replacement recycling boxes and food caddies are free.",
        "£25 for a replacement wheelie bin",
    ),
    "recycling-collections": (
        "",
        "Your recycling is collected every 2 weeks. Find out what goes in your recycling bin and box.",
        "",
    ),
    "food-waste-collections": (
        "",
        "Food waste is collected every week in your kitchen caddy and outdoor food bin.",
        "Free",
    ),
    "garden-waste-subscription": (
        "Subscribe to garden waste collections",
        "Your brown garden waste bin is emptied every 2 weeks from March to November. You need to subscribe each year.",
        "£49 a year for each bin",
    ),
    "assisted-bin-collections": (
        "Ask for help putting your bins out",
        "If nobody in your home can put the bins out because of age, "
        "illness or disability, our crews can collect them from your property.",
        "Free",
    ),
    "clinical-waste-collections": (
        "Book a clinical waste collection",
        "If you use needles or have medical waste at home, we can collect "
        "it separately. Your GP or nurse needs to confirm what you need.",
        "Free",
    ),
    "collections-over-bank-holidays": (
        "",
        "Bin collection days can change over Christmas and some bank holidays. Check the new dates for your address.",
        "",
    ),
    "nappies-and-hygiene-waste": (
        "",
        "If you have a lot of nappies or incontinence waste, we can give you extra space for it with your rubbish.",
        "Free",
    ),
    "bins-for-new-homes": (
        "Order bins for a new home",
        "A newly built home needs its first set of bins. Developers usually pay for them before people move in.",
        "£50 for a set of bins",
    ),
    "communal-bins-for-flats": (
        "",
        "Flats often share large bins in a bin store. Report problems with shared bins or ask for more "
        "recycling space.",
        "",
    ),
    "contaminated-recycling-bins": (
        "",
        "If your recycling bin has the wrong things in it, we leave it with a tag saying why. Take those "
        "things out and we will empty it next time.",
        "",
    ),
    "textile-and-small-electrical-recycling": (
        "Recycle clothes and small electricals",
        "Put clothes, shoes and small electrical items like kettles out next to your recycling bin, in a separate bag.",
        "Free",
    ),
    "bin-crews-damage-or-spills": (
        "Report damage or spills by a bin crew",
        "Tell us if our crew spilt rubbish, damaged your property or left your bin in the way.",
        "",
    ),
    "bulky-waste-collection": (
        "Book a bulky waste collection",
        "We collect large household items like sofas, mattresses and wardrobes from outside your home.",
        "£35 for up to 3 items, £10 for each extra item",
    ),
    "trade-waste-collections": (
        "",
        "Businesses must pay to have their waste collected. We offer rubbish and recycling collections for "
        "businesses of every size.",
        "From £8 a week for one bin",
    ),
    "household-recycling-centres": (
        "",
        "Household recycling centres (tips) take things that do not fit in your bins, like rubble, wood and large "
        "electrical items.",
        "",
    ),
    "asbestos-disposal": (
        "Get rid of asbestos",
        "Asbestos is dangerous and cannot go in any bin. Small amounts from homes can be taken to some recycling "
        "centres if you book.",
        "",
    ),
    "hazardous-household-waste": (
        "Get rid of paint, chemicals and batteries",
        "Paint, chemicals, gas bottles and car batteries must not go in your bins. Take them to a household recycling "
        "centre.",
        "",
    ),
    "community-skips": (
        "",
        "Free skips are put out in different parts of the district each month for residents to use. Check "
        "where the next one will be.",
        "Free",
    ),
    "fridge-and-freezer-collection": (
        "Book a fridge or freezer collection",
        "We collect fridges and freezers from outside your home so they can be recycled safely.",
        "£20 for each fridge or freezer",
    ),
    "garage-and-garden-clearance": (
        "",
        "We can clear larger amounts of household or garden rubbish from your home. We will give you a "
        "price after a visit.",
        "From £120, quoted after a visit",
    ),
    "trade-waste-agreements": (
        "",
        "If you take out a trade waste contract with us, we give you the waste transfer note that shows you "
        "are getting rid of waste legally.",
        "",
    ),
    "fly-tipping": (
        "Report fly-tipping",
        "Tell us about rubbish dumped on public land, like a road, path or verge. Do not "
        "touch it: it can contain needles or asbestos.",
        "",
    ),
    "dog-fouling": (
        "Report dog fouling",
        "Tell us where dog mess is not being cleared up. If you know who is responsible "
        "and when it happens, we can take action.",
        "",
    ),
    "litter": (
        "Report litter",
        "Tell us about litter in a street, park or other public place, or a litter bin that is overflowing.",
        "",
    ),
    "graffiti-removal": (
        "Report graffiti",
        "We remove graffiti from public places. We remove offensive graffiti within one working day.",
        "",
    ),
    "needles-and-syringes-in-public-places": (
        "Report needles or syringes",
        "Tell us about needles or syringes left in a public place. Do not pick "
        "them up: we will send a trained team to remove them safely.",
        "",
    ),
    "street-sweeping": (
        "",
        "Our mechanical sweepers clean roads and pavements on a regular timetable. Ask for a street to be "
        "swept if it is dirty.",
        "",
    ),
    "dead-animals-on-the-road": (
        "Report a dead animal",
        "Tell us about a dead animal on a road or public place and we will remove it. "
        "We scan cats and dogs for a microchip so owners can be told.",
        "",
    ),
    "litter-bins-and-dog-bins": (
        "",
        "Report a full or damaged litter or dog bin, or ask for a new bin in your area.",
        "",
    ),
    "fly-posting": (
        "Report fly-posting",
        "Tell us about posters or stickers put up without permission on lamp posts, walls or street furniture.",
        "",
    ),
    "abandoned-shopping-trolleys": (
        "Report an abandoned shopping trolley",
        "Tell us where a shopping trolley has been left. We ask the shop to collect it.",
        "",
    ),
    "chewing-gum-removal": (
        "",
        "We clean chewing gum from pavements in the town centre. Tell us about a spot that needs cleaning.",
        "",
    ),
    "leaf-clearance": (
        "",
        "In autumn we clear fallen leaves from pavements and roads. Tell us where leaves are a slip risk or "
        "are blocking a drain.",
        "",
    ),
    "broken-glass-in-the-street": (
        "Report broken glass",
        "Tell us about broken glass on a pavement, road or play area. We clear it quickly.",
        "",
    ),
    "street-cleansing-after-events": (
        "",
        "If you are holding an event on a street or in a park, we can clean up afterwards.",
        "Quoted for each event",
    ),
    # Council tax and business rates
    "council-tax-bills": (
        "",
        "Your council tax bill shows how much you pay this year and when. We send bills every March.",
        "",
    ),
    "pay-council-tax": (
        "",
        "Pay your council tax online, by phone, by direct debit or at a PayPoint. Have your account number ready.",
        "",
    ),
    "council-tax-direct-debit": (
        "Pay council tax by direct debit",
        "Set up or change a direct debit for your council tax. You can pay on "
        "the 1st, 15th or 28th of the month, over 10 or 12 months.",
        "",
    ),
    "single-person-discount": (
        "Apply for a single person discount",
        "If you are the only adult living in your home, you get 25% off your council tax bill.",
        "",
    ),
    "council-tax-exemptions": (
        "",
        "Some homes do not pay council tax, for example if everyone living there is a student or the home "
        "is empty because the owner is in care.",
        "",
    ),
    "council-tax-bands": (
        "Check or challenge your council tax band",
        "Every home is in a council tax band from A to H, based on what it was worth in 1991. The band decides how "
        "much council tax you pay.",
        "",
    ),
    "empty-homes-and-second-homes-premium": (
        "",
        "Homes left empty for a year or more, and second homes, pay extra council tax.",
        "Up to double the normal bill",
    ),
    "council-tax-disability-reduction": (
        "Apply for a disability reduction",
        "If your home has been adapted or has an extra room for a disabled "
        "person, your bill may be charged at the band below.",
        "",
    ),
    "moving-home-and-council-tax": (
        "",
        "Tell us when you move in or out of a home in Wyebridge so we "
        "can close your account and send you a final bill.",
        "",
    ),
    "council-tax-refunds": (
        "Ask for a council tax refund",
        "If you have paid too much council tax, we can refund it to your bank account or move it to your new account.",
        "",
    ),
    "council-tax-for-students": (
        "",
        "Full-time students do not count for council tax. A home where only students live does not pay.",
        "",
    ),
    "council-tax-for-care-leavers": (
        "",
        "Care leavers up to the age of 25 who live in Wyebridge do not pay council tax.",
        "",
    ),
    "council-tax-for-annexes": (
        "",
        "An annexe used by a relative is exempt from council tax, and one used as part of the main home gets 50% off.",
        "",
    ),
    "council-tax-online-account": (
        "Sign up for a council tax online account",
        "See your bill, payments and discounts online, and get your bills by email instead of by post.",
        "Free",
    ),
    "severe-mental-impairment-discount": (
        "",
        "People with a severe mental impairment, such as advanced dementia, do not count for council tax. "
        "A doctor needs to confirm it.",
        "",
    ),
    "council-tax-reminders-and-summons": (
        "",
        "If you miss a council tax payment we send a reminder. If you still do not pay, we can take you to "
        "court, which adds costs to what you owe.",
        "£85 court costs are added to the bill",
    ),
    "council-tax-arrears": (
        "Get help if you are behind with council tax",
        "If you are struggling to pay, contact us as soon as you can. We can agree payments you can afford.",
        "",
    ),
    "enforcement-agents": (
        "",
        "Enforcement agents (bailiffs) collect unpaid council tax after a court order. Contact us straight "
        "away if you get a letter from them.",
        "Fees of £75 or more are added by law",
    ),
    "attachment-of-earnings-and-benefits": (
        "",
        "After a court order we can take unpaid council tax straight from your wages or benefits. Your "
        "employer or the DWP pays us.",
        "",
    ),
    "council-tax-payment-arrangements": (
        "Set up a council tax payment plan",
        "If you cannot pay your bill as it stands, we can spread what you owe into smaller payments.",
        "",
    ),
    "insolvency-and-bankruptcy": (
        "",
        "Tell us if you have been made bankrupt or have a debt relief order, so we can deal with your council "
        "tax debt correctly.",
        "",
    ),
    "business-rates-bills": (
        "",
        "Businesses pay business rates on the property they use. Your bill is worked out from its rateable value.",
        "",
    ),
    "small-business-rate-relief": (
        "Apply for small business rate relief",
        "If your business uses one property with a rateable value under £15,000, you may pay less or nothing at all.",
        "",
    ),
    "rateable-value-challenges": (
        "Challenge a rateable value",
        "The rateable value of a business property is what it could be let for in a year. Business rates are worked "
        "out from it.",
        "",
    ),
    "empty-business-property-rates": (
        "",
        "Business properties that are empty pay no rates for the first 3 months, or 6 months for industrial "
        "buildings, then full rates.",
        "",
    ),
    "business-rates-payments": (
        "Pay business rates",
        "Pay your business rates online, by direct debit or by bank transfer.",
        "",
    ),
    "charitable-rate-relief": (
        "Apply for charitable rate relief",
        "Charities get 80% off business rates for property they use for their charitable work.",
        "",
    ),
    "business-rates-for-new-premises": (
        "",
        "Tell us when your business moves into or out of a property, so your rates bill starts and stops on "
        "the right day.",
        "",
    ),
    # Benefits
    "housing-benefit": (
        "Apply for housing benefit",
        "Housing benefit helps you pay your rent if you are over State Pension age "
        "or live in supported housing. Most other people claim Universal Credit instead.",
        "",
    ),
    "council-tax-reduction": (
        "Apply for council tax reduction",
        "If you are on a low income or claim benefits, you could pay less council tax, or none at all.",
        "",
    ),
    "report-a-change-of-circumstances": (
        "",
        "Tell us straight away if your income, household or rent changes. Otherwise you could be paid too "
        "much and have to pay it back.",
        "",
    ),
    "benefit-overpayments": (
        "",
        "If we paid you too much housing benefit or council tax reduction, we will write and explain how "
        "much and how to pay it back.",
        "",
    ),
    "universal-credit": (
        "",
        "A benefit for people of working age on a low income or out of work. It can include help with rent.",
        "",
    ),
    "free-school-meals": (
        "Apply for free school meals",
        "Free lunches at school for children in families on some benefits.",
        "",
    ),
    "benefits-appeals": (
        "Challenge a benefit decision",
        "If you think our decision on your housing benefit or council tax "
        "reduction is wrong, ask us to look again within one month.",
        "",
    ),
    "pension-credit": (
        "Pension Credit",
        "Extra money for people over State Pension age on a low income. Getting it can also mean you pay no council "
        "tax.",
        "",
    ),
    "housing-benefit-for-supported-housing": (
        "",
        "If you live in a hostel, refuge or other supported housing, you claim help with your rent from us "
        "as housing benefit, even if you get Universal Credit.",
        "",
    ),
    "benefit-payment-dates": (
        "",
        "Housing benefit is paid every 2 or 4 weeks, straight into your bank account or to your landlord.",
        "",
    ),
    "second-adult-rebate": (
        "",
        "Pensioners who share their home with another adult on a low income may get up to 25% off their council tax.",
        "",
    ),
    "local-housing-allowance": (
        "",
        "If you rent privately, the local housing allowance is the most housing benefit can pay towards your "
        "rent. It depends on how many bedrooms you need.",
        "",
    ),
    "discretionary-housing-payments": (
        "Apply for a discretionary housing payment",
        "If your housing benefit or Universal Credit does not "
        "cover your rent, we may be able to pay some of the difference for a while.",
        "",
    ),
    "household-support-fund": (
        "Get help from the household support fund",
        "Help with the cost of food, energy and essentials for "
        "households who are struggling. The fund is open until it runs out.",
        "",
    ),
    "food-banks": (
        "Find a food bank",
        "Food banks give emergency food to people who cannot afford it. We can tell you "
        "where your nearest one is and refer you.",
        "Free",
    ),
    "debt-advice": (
        "Get free debt advice",
        "Free, confidential help if you are worried about money or debts, including council tax, rent and energy "
        "bills.",
        "",
    ),
    "council-tax-hardship-relief": (
        "Apply for council tax hardship relief",
        "If paying council tax would cause you exceptional hardship, we can reduce your bill for a while.",
        "",
    ),
    "energy-and-warm-home-advice": (
        "Get help to heat your home",
        "Free advice on cutting your energy bills, and grants for insulation or a "
        "new boiler if you are on a low income.",
        "Free",
    ),
    "crisis-support-for-essential-items": (
        "Get help with essential items",
        "Help in an emergency if you cannot afford essentials like a bed, cooker or fridge.",
        "",
    ),
    # Housing
    "homelessness": (
        "Get help if you are homeless",
        "If you have nowhere safe to stay tonight, contact us now. Out of hours, phone 01632 960999.",
        "",
    ),
    "threatened-with-eviction": (
        "Get help if you are being evicted",
        "If your landlord has asked you to leave, contact us as early as "
        "you can. We may be able to help you stay or find somewhere else.",
        "",
    ),
    "rough-sleepers": (
        "Tell us about someone sleeping rough",
        "If you see someone sleeping outside, tell us where. Our outreach team will try to find them and offer help.",
        "",
    ),
    "domestic-abuse-and-housing": (
        "Get housing help if you are escaping abuse",
        "If you are not safe at home because of domestic abuse, we "
        "can help you find somewhere safe to stay. If you are in danger now, call 999.",
        "",
    ),
    "temporary-accommodation": (
        "",
        "If we have a duty to house you, we may give you a temporary place to stay while we find you a settled home.",
        "You pay rent, which housing benefit can help with",
    ),
    "rent-deposit-scheme": (
        "",
        "If you cannot afford a deposit or rent in advance for a private rented home, our scheme may help.",
        "",
    ),
    "hospital-discharge-and-housing": (
        "",
        "If you are in hospital and have no safe home to go back to, the hospital can refer you to us "
        "before you leave.",
        "",
    ),
    "prison-release-and-housing": (
        "",
        "If you are leaving prison with nowhere to live, contact us before your release date so we can help "
        "plan where you will stay.",
        "",
    ),
    "young-people-and-homelessness": (
        "",
        "If you are 16 or 17 and cannot stay at home, we work with Wyeshire County Council's children's "
        "services to keep you safe.",
        "",
    ),
    "severe-weather-emergency-protocol": (
        "",
        "When the weather is freezing or extremely hot, we open emergency beds for anyone sleeping rough.",
        "Free",
    ),
    "join-the-housing-register": (
        "Apply to join the housing register",
        "Apply to go on the list for a council or housing association "
        "home. We put you in a band based on your housing need.",
        "Free",
    ),
    "housing-register-bidding": (
        "Bid for a home",
        "If you are on the housing register, you can bid for available homes each week.",
        "",
    ),
    "housing-association-repairs": (
        "Report a repair to Wyebridge Homes",
        "Repairs to homes rented from Wyebridge Homes, which owns the homes the council used to rent out.",
        "",
    ),
    "severn-vale-tenants": (
        "Contact Severn Vale Housing Association",
        "Repairs, rent and tenancy questions for homes rented from Severn Vale Housing Association, mostly in the "
        "east of the district.",
        "",
    ),
    "mutual-exchange": (
        "Swap your home with another tenant",
        "Council and housing association tenants can swap homes with each other, with both landlords' permission.",
        "",
    ),
    "council-house-rent": (
        "Pay rent for a former council home",
        "Rent for the homes the council used to own, which now belong to Wyebridge Homes.",
        "",
    ),
    "housing-register-change-of-circumstances": (
        "Update your housing application",
        "Tell us if your address, household or health changes while you "
        "are on the housing register. It could change your band.",
        "",
    ),
    "sheltered-housing": (
        "",
        "Sheltered housing is for older people who want to live independently, with a scheme manager and an "
        "emergency alarm.",
        "",
    ),
    "right-to-buy": (
        "",
        "Some tenants of former council homes can buy their home at a discount.",
        "",
    ),
    "damp-and-mould-in-rented-homes": (
        "Report damp and mould in a rented home",
        "If you rent privately and your home has damp or mould your "
        "landlord will not fix, tell us. We can inspect and make them do the work.",
        "",
    ),
    "disrepair-in-private-rented-homes": (
        "Report a landlord who will not do repairs",
        "If your private landlord will not fix something serious, "
        "like broken heating or a leaking roof, we can inspect and take action.",
        "",
    ),
    "houses-in-multiple-occupation": (
        "License a house in multiple occupation",
        "A house shared by 5 or more people from 2 or more households needs a licence from us.",
        "£950 for a 5-year licence",
    ),
    "illegal-eviction-and-harassment": (
        "Report illegal eviction or harassment by a landlord",
        "Your landlord cannot make you leave without a "
        "court order, or harass you to get you out. Tell us straight away.",
        "",
    ),
    "empty-homes": (
        "Report an empty home",
        "Tell us about a home that has been empty for a long time. We can help owners bring it back into use.",
        "",
    ),
    "excess-cold-and-heating": (
        "",
        "A rented home must be able to keep you warm. If it cannot, we can inspect it and ask the landlord "
        "to put it right.",
        "",
    ),
    "gas-safety-in-rented-homes": (
        "",
        "Landlords must have gas appliances checked every year and give you a copy of the gas safety "
        "certificate. If you smell gas, phone 0800 111 999.",
        "",
    ),
    "carbon-monoxide-and-smoke-alarms": (
        "",
        "Landlords must fit a smoke alarm on every floor and a carbon monoxide alarm in rooms with a boiler, "
        "fire or stove.",
        "",
    ),
    "landlord-licensing": (
        "",
        "Private landlords in some parts of Wyebridge need a licence from us for each home they rent out.",
        "£650 for each home, for 5 years",
    ),
    "overcrowding": (
        "",
        "If there are too many people living in your home for its size, we can assess it and give you advice.",
        "",
    ),
    "disabled-facilities-grants": (
        "Apply for a disabled facilities grant",
        "A grant to adapt your home so a disabled person can live "
        "there safely, like a stairlift, ramp or level-access shower.",
        "Up to £30,000, depending on your income",
    ),
    "occupational-therapy-assessment": (
        "Ask for an occupational therapy assessment",
        "An occupational therapist looks at what you need to stay safe and independent at home. It is the first step "
        "for most adaptations.",
        "",
    ),
    "home-repair-assistance": (
        "",
        "Homeowners on a low income can get a loan or grant for urgent repairs that affect their health or safety.",
        "",
    ),
    "lifeline-alarms": (
        "Get a lifeline alarm",
        "A pendant or wrist alarm that calls our control centre if you fall or need help at home, day and night.",
        "£4.50 a week",
    ),
    "stairlifts-and-through-floor-lifts": (
        "",
        "A stairlift or through-floor lift can help you stay in your home. A disabled facilities grant can "
        "pay for one.",
        "",
    ),
    "minor-adaptations": (
        "",
        "Small changes like grab rails, handrails and key safes can make your home safer.",
        "Free for adaptations under £1,000",
    ),
    # Planning and building control
    "planning-applications": (
        "Make a planning application",
        "You need planning permission for most new buildings, large "
        "extensions and changes of use. Apply online through the Planning Portal.",
        "£258 for most extensions to a house",
    ),
    "comment-on-a-planning-application": (
        "",
        "You can support or object to a planning application while it is being decided. We publish comments online.",
        "",
    ),
    "pre-application-advice": (
        "Get advice before you apply for planning permission",
        "Ask a planning officer whether your plans need permission and how likely they are to be approved.",
        "From £75 for a householder",
    ),
    "listed-buildings-and-conservation-areas": (
        "",
        "Work to a listed building, or demolition in a conservation area, needs our consent first.",
        "No fee for listed building consent",
    ),
    "tree-preservation-orders": (
        "Get permission to work on a protected tree",
        "Trees with a tree preservation order (TPO) or in a "
        "conservation area cannot be cut or felled without our permission.",
        "Free",
    ),
    "planning-appeals": (
        "Appeal a planning decision",
        "If we refuse planning permission, you can appeal to the Planning "
        "Inspectorate. For a householder appeal you have 12 weeks.",
        "Free",
    ),
    "dropped-kerbs": (
        "Apply for a dropped kerb",
        "A dropped kerb lets you drive across the pavement to park off the road. You pay for it to be built.",
        "",
    ),
    "lawful-development-certificates": (
        "Apply for a lawful development certificate",
        "A certificate that proves your building work or use of land is lawful and does not need planning permission.",
        "£129 for a proposed extension",
    ),
    "prior-approval": (
        "",
        "Some work, like larger single-storey rear extensions, needs our prior approval instead of full "
        "planning permission.",
        "£120",
    ),
    "planning-application-fees": (
        "",
        "Most planning applications have a fee, set nationally. It depends on what you are applying for.",
        "From £129",
    ),
    "report-a-planning-breach": (
        "",
        "Tell us about building work or a change of use that you think does not have planning permission. "
        "We keep your name private.",
        "",
    ),
    "high-hedges": (
        "Complain about a neighbour's high hedge",
        "If a neighbour's evergreen hedge is over 2 metres tall and "
        "blocks light, and talking has not worked, we can decide what should happen.",
        "£350",
    ),
    "unauthorised-advertisements": (
        "Report an illegal advert or sign",
        "Most large or lit signs and adverts need our consent. Tell us about one you think does not have it.",
        "",
    ),
    "untidy-land": (
        "Report untidy land",
        "If land or a building is so untidy it spoils the area, we can make the owner tidy it up.",
        "",
    ),
    "change-of-use-without-permission": (
        "",
        "Using a building for something new, like turning a house into flats or running a business from "
        "home, can need planning permission.",
        "",
    ),
    "caravans-and-mobile-homes": (
        "",
        "Tell us about caravans or vehicles on land without permission. Caravan sites need planning "
        "permission and a site licence.",
        "",
    ),
    "building-regulations": (
        "Apply for building regulations approval",
        "Most building work, like extensions, new bathrooms and "
        "removing walls, must meet building regulations. Apply before you start.",
        "From £350, depending on the work",
    ),
    "dangerous-structures": (
        "Report a dangerous building or wall",
        "If a building or wall looks about to fall, tell us straight "
        "away. We attend day and night. Out of hours, phone 01632 960999.",
        "",
    ),
    "demolition-notices": (
        "",
        "Tell us at least 6 weeks before you demolish a building, so we can make sure it is done safely.",
        "Free",
    ),
    "building-control-inspections": (
        "Book a building control inspection",
        "Our surveyors inspect building work at key stages. Book an inspection by 4pm for the next working day.",
        "Included in the application fee",
    ),
    "loft-conversions-and-building-regulations": (
        "",
        "A loft conversion needs building regulations approval for the stairs, fire safety and floor "
        "strength, even when it does not need planning permission.",
        "From £450",
    ),
    "party-wall-matters": (
        "",
        "Work on a wall you share with a neighbour is covered by the Party Wall Act. The council does not "
        "deal with party wall disputes: you may need a surveyor.",
        "",
    ),
    "local-plan": (
        "",
        "The local plan sets out where new homes, jobs and roads will go in Wyebridge up to 2040. Have your "
        "say when it is consulted on.",
        "",
    ),
    "neighbourhood-plans": (
        "",
        "Town and parish councils can write a neighbourhood plan for their area. Once adopted, we use it to "
        "decide planning applications.",
        "",
    ),
    "community-infrastructure-levy": (
        "",
        "Developers pay a charge on new buildings to help pay for schools, roads and other things the area needs.",
        "",
    ),
    "local-land-charges-searches": (
        "Order a local land charges search",
        "Solicitors order a search when someone buys a property, to find "
        "out about planning decisions, roads and other things affecting it.",
        "£98 for a full search",
    ),
    "street-naming-and-numbering": (
        "Name or number a new home or street",
        "New homes and streets need an official address from us. You can also ask to name your house.",
        "£75 for each new address",
    ),
    "street-name-plates": (
        "Report a damaged or missing street sign",
        "Tell us about a street name sign that is damaged, dirty or missing.",
        "",
    ),
    "postcodes-for-new-developments": (
        "",
        "Once we have given new homes their addresses, Royal Mail gives them postcodes. We tell Royal Mail for you.",
        "",
    ),
    # Environmental health
    "food-poisoning-complaints": (
        "Report food poisoning",
        "If you think food from a restaurant, takeaway or shop made you ill, tell us. "
        "Keep any leftover food and the receipt.",
        "",
    ),
    "food-hygiene-complaints": (
        "Report a dirty restaurant or takeaway",
        "Tell us about poor hygiene in a food business, like dirty kitchens, pests or food left out.",
        "",
    ),
    "food-hygiene-ratings": (
        "Check a food hygiene rating",
        "Every restaurant, café and takeaway we inspect gets a rating from 0 to 5. "
        "Businesses can ask for a new inspection after making improvements.",
        "£150 for a re-rating visit",
    ),
    "register-a-food-business": (
        "",
        "Anyone starting a food business, including selling food from home or a market stall, must register "
        "with us at least 28 days before opening.",
        "Free",
    ),
    "workplace-accidents": (
        "Report a workplace accident",
        "Employers must report serious accidents at work. You can also tell us "
        "about unsafe conditions in shops, offices and warehouses.",
        "",
    ),
    "skin-piercing-and-tattoo-registration": (
        "Register for tattooing or skin piercing",
        "Tattooists, piercers and anyone offering acupuncture or "
        "electrolysis must register themselves and their premises with us.",
        "£190 for a person and premises",
    ),
    "food-allergies-and-labelling": (
        "",
        "Food must be labelled correctly, and food businesses must tell you about allergens if you ask.",
        "",
    ),
    "food-safety-advice-for-businesses": (
        "",
        "We give food businesses advice on food safety and run food hygiene courses.",
        "£80 a person for a one-day course",
    ),
    "smoking-in-enclosed-public-places": (
        "",
        "Smoking is not allowed in enclosed public places and workplaces, including pubs and company vans. "
        "Tell us where the law is being broken.",
        "",
    ),
    "legionella-and-cooling-towers": (
        "",
        "Businesses with cooling towers must register them and keep the water safe from legionella bacteria.",
        "",
    ),
    "noise-complaints": (
        "Report noise",
        "Tell us about loud music, barking dogs or other noise that keeps happening. We will ask "
        "you to keep a diary of it.",
        "",
    ),
    "bonfire-smoke": (
        "Report bonfire smoke",
        "Tell us if smoke from a neighbour's bonfire regularly stops you using your garden or opening windows.",
        "",
    ),
    "air-quality": (
        "",
        "We measure air pollution across the district and publish the results. Find out about air quality "
        "where you live.",
        "",
    ),
    "contaminated-land": (
        "",
        "Land polluted by past industry can be a risk to health. We keep a register and check land before "
        "it is built on.",
        "£90 for an enquiry about a site",
    ),
    "odour-nuisance": (
        "Report a bad smell",
        "Tell us about strong smells from a business, farm or drains that keep happening.",
        "",
    ),
    "light-nuisance": (
        "Report nuisance lighting",
        "Tell us about security lights or floodlights that shine into your home and stop you sleeping.",
        "",
    ),
    "burglar-alarms-ringing": (
        "Report an alarm that will not stop",
        "Tell us about a house or car alarm that has been ringing for more than an hour.",
        "",
    ),
    "flooding-from-rivers": (
        "",
        "Flooding from main rivers, and warnings when rivers are likely to flood.",
        "",
    ),
    "water-pollution": (
        "Report river pollution",
        "Pollution in rivers and streams, like oil, sewage or dead fish.",
        "",
    ),
    "noise-from-businesses": (
        "",
        "Tell us about noise from a factory, pub or building site. Building work is allowed from 8am to 6pm "
        "on weekdays and 8am to 1pm on Saturdays.",
        "",
    ),
    "private-water-supplies": (
        "",
        "If your water comes from a well, spring or borehole, we test it to make sure it is safe to drink.",
        "From £100 for a test",
    ),
    "dust-and-smoke-from-businesses": (
        "",
        "Tell us about dust from a building site or smoke from a business chimney that affects your home.",
        "",
    ),
    "rats-and-mice": (
        "Book pest control for rats or mice",
        "Our pest control technicians can treat rats and mice in your home or garden.",
        "Rats: free. Mice: £45 for up to 3 visits",
    ),
    "wasps-nests": (
        "Book treatment for a wasps nest",
        "We treat wasps and hornets nests at homes. We do not treat bees: a local beekeeper may collect a swarm.",
        "£60 for each nest",
    ),
    "bedbugs": (
        "Book pest control for bedbugs",
        "Bedbugs are small insects that bite at night. Our treatment needs 2 visits.",
        "£110 for 2 visits",
    ),
    "fleas-and-cockroaches": (
        "Book pest control for fleas or cockroaches",
        "We treat fleas, cockroaches and other insects in homes.",
        "£75 for each treatment",
    ),
    "pigeons-and-gulls": (
        "",
        "We give advice on stopping pigeons and gulls nesting on your home. Gulls are protected, so nests "
        "can only be removed in some cases.",
        "",
    ),
    "moles-and-squirrels": (
        "",
        "We treat grey squirrels in lofts and give advice on moles in gardens.",
        "£95 for squirrels",
    ),
    "pest-control-for-businesses": (
        "",
        "Regular visits to keep pests away from your shop, restaurant or warehouse.",
        "From £40 a month, quoted after a survey",
    ),
    "stray-dogs": (
        "Report a stray dog",
        "Tell us about a dog wandering without its owner, or a dog you have found. Our dog "
        "warden collects strays in working hours.",
        "",
    ),
    "animal-cruelty": (
        "Report animal cruelty",
        "Animals that are treated cruelly, neglected or abandoned, and wild animals that are injured.",
        "",
    ),
    "animal-licences": (
        "Apply for an animal licence",
        "You need a licence from us to breed dogs, sell pets, board animals, hire out horses or show animals.",
        "From £280, plus the vet's fee",
    ),
    "dangerous-dogs": (
        "Report a dangerous dog",
        "A dog that has attacked or bitten someone, or is dangerously out of control.",
        "",
    ),
    "horses-on-the-road": (
        "Report straying horses",
        "Tell us about horses loose on a road or grazing on land without permission.",
        "",
    ),
    "microchipping-dogs": (
        "Get your dog microchipped",
        "Every dog over 8 weeks old must be microchipped and its details kept up to date. Our dog warden can "
        "chip your dog.",
        "£15",
    ),
    "dog-control-orders": (
        "",
        "In some parks and streets dogs must be kept on a lead or are not allowed at all. Find out where the "
        "rules apply.",
        "",
    ),
    # Licensing
    "premises-licences": (
        "Apply for a premises licence",
        "You need a premises licence to sell alcohol, serve hot food after 11pm or put on entertainment.",
        "From £100, plus a yearly fee",
    ),
    "personal-licences": (
        "Apply for a personal licence",
        "You need a personal licence to sell alcohol or be the designated premises supervisor of a pub or shop.",
        "£37",
    ),
    "temporary-event-notices": (
        "Give a temporary event notice",
        "Tell us about a one-off event where you want to sell alcohol or put on "
        "entertainment for up to 499 people. Give at least 10 working days' notice.",
        "£21",
    ),
    "street-trading": (
        "Apply for a street trading licence",
        "You need our consent to sell goods or food from a stall or van on the street.",
        "From £300 a year",
    ),
    "gambling-licences": (
        "",
        "Betting shops, arcades and bingo halls need a premises licence from us. Small society lotteries "
        "must register.",
        "£40 to register a small society lottery",
    ),
    "charity-collections": (
        "Get a permit for a street collection",
        "You need our permit to collect money or goods for charity in the street or from house to house.",
        "Free",
    ),
    "scrap-metal-dealers": (
        "Apply for a scrap metal licence",
        "Anyone who buys or sells scrap metal, including collecting it door to door, needs a licence.",
        "£340 for a collector's licence",
    ),
    "pavement-licences": (
        "Apply for a pavement licence",
        "Cafés, pubs and restaurants need a licence to put tables and chairs on the pavement.",
        "£350 for 2 years",
    ),
    "sex-establishment-licences": (
        "",
        "Sex shops and sexual entertainment venues need a licence from us. Residents can comment on applications.",
        "£2,500",
    ),
    "licensing-reviews-and-objections": (
        "Object to a licence application",
        "You can comment on a licence application within 28 days, or ask for "
        "a licence to be reviewed if a business causes problems.",
        "Free",
    ),
    "late-night-noise-from-licensed-premises": (
        "",
        "Tell us about noise from a pub, club or bar late at night. If there is trouble now, phone the police on 101.",
        "",
    ),
    "taxi-driver-licence": (
        "Apply for a taxi driver licence",
        "To drive a taxi or private hire car you need a licence from us. You "
        "need a DBS check, a medical and to pass our knowledge test.",
        "£250 for 3 years",
    ),
    "taxi-vehicle-licence": (
        "License a taxi or private hire vehicle",
        "Every taxi and private hire car needs a vehicle licence and a test every year.",
        "£210 a year",
    ),
    "taxi-complaints": (
        "Complain about a taxi",
        "Tell us about a taxi or private hire driver's behaviour, driving or fare. Have "
        "the vehicle's plate number if you can.",
        "",
    ),
    "lost-property-in-a-taxi": (
        "",
        "If you left something in a taxi, contact the taxi company first. If you do not know the company, we "
        "can help you trace it.",
        "",
    ),
    "taxi-fares-and-tariffs": (
        "",
        "We set the most a taxi can charge in Wyebridge. Private hire cars must agree the fare when you book.",
        "",
    ),
    # Parking
    "parking-fines": (
        "Pay or challenge a parking fine",
        "If you get a penalty charge notice, pay it or challenge it within 14 days to keep the 50% discount.",
        "£70, or £35 if paid within 14 days",
    ),
    "parking-appeals": (
        "Appeal a parking fine",
        "If we reject your challenge, you can appeal to the independent Traffic Penalty Tribunal.",
        "Free",
    ),
    "report-illegal-parking": (
        "",
        "Tell us about cars parked on yellow lines, in permit bays without a permit or blocking a dropped kerb.",
        "",
    ),
    "abandoned-vehicles": (
        "Report an abandoned vehicle",
        "Tell us about a vehicle that has been left in the same place for a long "
        "time and looks dumped, for example with flat tyres or broken windows.",
        "",
    ),
    "untaxed-vehicles": (
        "Report an untaxed vehicle",
        "Vehicles kept or driven on a public road without tax.",
        "",
    ),
    "dangerous-parking-and-obstruction": (
        "Report dangerous parking",
        "Vehicles parked dangerously, or blocking a road or the way for emergency vehicles.",
        "",
    ),
    "school-parking-problems": (
        "",
        "Tell us about parking on the zigzag lines outside a school. Our officers visit schools at the start "
        "and end of the day.",
        "",
    ),
    "parking-bay-suspensions": (
        "Suspend a parking bay",
        "Ask us to keep parking bays free for a removal van, skip or building work.",
        "£35 a day for each bay",
    ),
    "resident-parking-permits": (
        "Apply for a resident parking permit",
        "If you live in a permit zone, you can buy a permit to park near your home, and visitor permits for guests.",
        "£60 a year, visitor permits £1.50 a day",
    ),
    "car-park-season-tickets": (
        "Buy a car park season ticket",
        "A season ticket lets you park in a council car park every day for less than paying each time.",
        "From £95 a month",
    ),
    "council-car-parks": (
        "",
        "Find a council car park, its charges and opening times. Blue badge holders park free for up to 3 hours.",
        "From £1.20 an hour",
    ),
    "blue-badges": (
        "Apply for a blue badge",
        "A blue badge lets you park closer to where you need to go if you have a disability.",
        "£10, paid to Wyeshire County Council",
    ),
    "electric-vehicle-charging": (
        "",
        "Find electric vehicle charge points in council car parks, or ask for one in your street.",
        "45p a kWh",
    ),
    "car-park-lighting-and-repairs": (
        "",
        "Tell us about broken lights, barriers, pay machines or potholes in a council car park.",
        "",
    ),
    "motorhomes-and-overnight-parking": (
        "",
        "Motorhomes can park overnight in some council car parks. Sleeping in vehicles is not allowed in others.",
        "£10 a night where allowed",
    ),
    # Parks and leisure
    "play-area-repairs": (
        "Report a broken play area",
        "Tell us about broken swings, slides or other play equipment in a council "
        "playground. If it is dangerous, we close it until it is fixed.",
        "",
    ),
    "allotments": (
        "Rent an allotment",
        "Rent a plot to grow your own fruit and vegetables. There is a waiting list for most sites.",
        "£45 a year for a half plot, £80 for a full plot",
    ),
    "events-in-parks": (
        "Book a park for an event",
        "Ask to hold a fun day, concert, fair or other event in a council park. Apply at least 8 weeks before.",
        "From £50, depending on the event",
    ),
    "public-toilets": (
        "",
        "Find our public toilets and their opening times, or report one that is dirty or broken. Accessible "
        "toilets use a RADAR key.",
        "Free",
    ),
    "benches-and-memorial-plaques": (
        "Ask for a memorial bench",
        "You can pay for a bench with a plaque in a park to remember someone.",
        "£900 for a bench and plaque for 10 years",
    ),
    "sports-pitch-bookings": (
        "Book a sports pitch",
        "Book a football, rugby or cricket pitch in a council park for a match or a season.",
        "From £40 a match",
    ),
    "park-opening-and-closing-times": (
        "",
        "Most parks are always open. Parks with gates open at 8am and close at dusk.",
        "",
    ),
    "skate-parks-and-ball-courts": (
        "",
        "Find skate parks and multi-use games areas, or report damage to one.",
        "Free",
    ),
    "ponds-lakes-and-water-safety": (
        "",
        "Ponds and lakes in our parks can be deep and cold. Do not swim or go on the ice. Report damaged "
        "safety equipment.",
        "",
    ),
    "council-trees": (
        "Report a problem with a council tree",
        "Tell us about a tree on council land that is dangerous, fallen "
        "or overhanging your property. Trees on private land are the owner's job.",
        "",
    ),
    "grass-cutting": (
        "",
        "We cut grass in parks and on council land from March to October. Grass verges beside roads are cut "
        "less often to help wildlife.",
        "",
    ),
    "overgrown-hedges-on-council-land": (
        "Report an overgrown hedge on council land",
        "Tell us about a council hedge blocking a path or a view of the road.",
        "",
    ),
    "weeds-and-weed-spraying": (
        "",
        "We treat weeds on pavements and in parks 2 or 3 times a year. Tell us about weeds blocking a path.",
        "",
    ),
    "japanese-knotweed": (
        "",
        "Japanese knotweed and giant hogweed spread quickly. We treat them on council land; on private land "
        "the owner must deal with them.",
        "",
    ),
    "tree-planting-and-free-trees": (
        "Get a free tree",
        "Every winter we give free young trees to residents and community groups. You can "
        "also pay for a memorial tree.",
        "Free. Memorial trees £300",
    ),
    "leisure-centres": (
        "",
        "Our leisure centres have pools, gyms and classes. They are run for the council by Wyebridge Leisure Trust.",
        "",
    ),
    "leisure-card-concessions": (
        "Get a leisure card",
        "A leisure card gives you cheaper swimming, gym and classes if you are on a low income, a student or over 65.",
        "Free",
    ),
    "holiday-activities-for-children": (
        "",
        "Sport, arts and play sessions for children in the school holidays. Free places for children who "
        "get free school meals.",
        "From £5 a session",
    ),
    "exercise-on-referral": (
        "",
        "If your GP or nurse refers you, you can get a 12-week exercise programme at a leisure centre with a "
        "trained instructor.",
        "£2.50 a session",
    ),
    # Community safety
    "antisocial-behaviour": (
        "Report antisocial behaviour",
        "Tell us about behaviour that causes harassment, alarm or distress, like "
        "intimidation or vandalism. If a crime is happening now, call 999.",
        "",
    ),
    "community-trigger": (
        "Ask for an antisocial behaviour case review",
        "If you have reported antisocial behaviour 3 times in 6 "
        "months and think nothing has been done, you can ask for a case review.",
        "",
    ),
    "hate-crime": (
        "Report hate crime",
        "A crime against someone because of their race, religion, sexuality, disability or gender identity.",
        "",
    ),
    "drug-dealing": (
        "Report drug dealing",
        "Selling drugs, or signs of it, like people coming and going from a house at all hours.",
        "",
    ),
    "report-a-crime": (
        "",
        "Crimes like burglary, theft and criminal damage that are not happening now.",
        "",
    ),
    "safeguarding-adults": (
        "Report concerns about an adult",
        "Worries that an adult is being abused, exploited or neglected, or is neglecting themselves. If they are in "
        "danger now, call 999.",
        "",
    ),
    "safeguarding-children": (
        "Report concerns about a child",
        "Worries that a child is being harmed or is at risk of harm. If they are in danger now, call 999.",
        "",
    ),
    "modern-slavery": (
        "Report modern slavery",
        "Modern slavery is when someone is forced to work or is exploited and cannot leave.",
        "",
    ),
    "community-protection-warnings": (
        "",
        "A community protection warning tells someone to stop behaviour that is spoiling life for others. "
        "If they do not, we can issue a notice and a fine.",
        "",
    ),
    "street-drinking": (
        "Report street drinking",
        "Drinking alcohol is not allowed in parts of the town centre. Tell us where it is causing problems.",
        "",
    ),
    "cctv-footage-requests": (
        "Ask for CCTV footage",
        "If our cameras recorded you, you can ask for a copy of the footage. We keep it for 31 days.",
        "Free",
    ),
    "sandbags-and-flood-help": (
        "Get sandbags and help with flooding",
        "If your home is at risk of flooding, we can give sandbags to the "
        "most vulnerable residents. Flood-proofing your home works better.",
        "Free",
    ),
    "major-incidents-and-rest-centres": (
        "",
        "In a major emergency, like a big fire or flood, we open rest centres for people who have to leave "
        "their homes.",
        "",
    ),
    "severe-weather": (
        "",
        "Find out how we keep services running in snow, storms and heatwaves, and how to look after "
        "yourself and your neighbours.",
        "",
    ),
    "gritting-and-icy-roads": (
        "",
        "Gritting main roads when ice or snow is forecast, and filling salt bins.",
        "",
    ),
    "power-cuts": (
        "",
        "In a power cut, contact the electricity network operator for your area, not your energy supplier. "
        "In a long power cut we check on vulnerable residents.",
        "",
    ),
    # Elections and democracy
    "register-to-vote": (
        "",
        "You must be on the electoral register to vote. Register online: it takes about 5 minutes.",
        "Free",
    ),
    "postal-votes": (
        "Apply to vote by post",
        "If you cannot get to a polling station, you can vote by post instead. Apply at "
        "least 11 working days before an election.",
        "Free",
    ),
    "proxy-votes": (
        "Apply for a proxy vote",
        "A proxy vote lets someone you trust vote for you. Apply at least 6 working days before an election.",
        "Free",
    ),
    "polling-stations": (
        "Find your polling station",
        "Your polling card tells you where to vote. Polling stations are open from 7am to 10pm on election day.",
        "",
    ),
    "voter-id": (
        "",
        "You need photo ID to vote at a polling station. If you do not have one, apply for a free voter "
        "authority certificate.",
        "Free",
    ),
    "household-enquiry-form": (
        "",
        "Each year we check who lives at each address so the electoral register is right. Reply as soon as "
        "you get the form.",
        "",
    ),
    "open-register-opt-out": (
        "Opt out of the open register",
        "The open register can be bought by anyone. You can ask for your name to be left off it.",
        "",
    ),
    "standing-for-election": (
        "Stand for election",
        "Find out how to become a candidate for the district council or your parish council.",
        "Free",
    ),
    "find-your-councillor": (
        "",
        "Find out who your district councillors are and how to contact them.",
        "",
    ),
    "council-meetings": (
        "",
        "Council and committee meetings are open to the public. Agendas and minutes are published online.",
        "",
    ),
    "speak-at-a-council-meeting": (
        "",
        "You can ask a question or speak at some council meetings. Register by noon 2 working days before.",
        "",
    ),
    "petitions": (
        "Start a petition",
        "Ask the council to act on something. A petition with 1,500 signatures is debated by the full council.",
        "",
    ),
    "mayor-and-civic-events": (
        "Invite the chair of the council",
        "Invite the chair of the council to an event, or find out about civic ceremonies.",
        "",
    ),
    "councillors-register-of-interests": (
        "",
        "Every councillor must publish their interests, like jobs, property and gifts. You can read the "
        "register online.",
        "",
    ),
    # Bereavement services
    "burials-and-graves": (
        "",
        "Arrange a burial in one of our cemeteries, or buy the right to a grave in advance. Most people "
        "arrange this through their funeral director.",
        "From £1,250 for a new grave",
    ),
    "cremations": (
        "",
        "Wyebridge Crematorium holds services from 9am to 4pm on weekdays. Your funeral director will book it for you.",
        "£850 for an adult cremation",
    ),
    "memorials-and-headstones": (
        "",
        "You need our permission before a headstone or memorial is put on a grave. We check memorials every "
        "5 years so they are safe.",
        "£150 for a permit",
    ),
    "public-health-funerals": (
        "",
        "If someone dies and nobody can arrange their funeral, we will arrange a simple, respectful funeral.",
        "",
    ),
    "register-a-death": (
        "",
        "A death must be registered within 5 days, by appointment at the register office.",
        "",
    ),
    "births-marriages-and-civil-partnerships": (
        "Register a birth, marriage or civil partnership",
        "Registering a birth, giving notice of a marriage or civil partnership, and copies of certificates.",
        "",
    ),
    "exhumations": (
        "",
        "Moving a body or ashes from a grave needs a licence from the Ministry of Justice, and our permission.",
        "£950",
    ),
    "book-of-remembrance": (
        "Add a name to the book of remembrance",
        "Have a loved one's name written in the book of remembrance at "
        "the crematorium. The page is shown on the anniversary.",
        "From £75",
    ),
    # Finance and business
    "pay-an-invoice": (
        "",
        "Pay an invoice from the council online, by phone or by bank transfer. You need the invoice number.",
        "",
    ),
    "supplier-payments": (
        "",
        "If you supply the council and have not been paid, contact us with your invoice and purchase order "
        "numbers. We pay within 30 days.",
        "",
    ),
    "make-a-payment": (
        "Make a payment to the council",
        "Pay for council services online, or by card on our automated payment line at any time.",
        "",
    ),
    "refunds-and-card-payment-problems": (
        "",
        "Tell us if a card payment to the council failed, was taken twice or needs refunding.",
        "",
    ),
    "direct-debit-problems": (
        "",
        "If your direct debit to the council has stopped or failed, or your bank details have changed, tell us.",
        "",
    ),
    "report-fraud": (
        "Report fraud against the council",
        "Tell us if you think someone is claiming benefits, discounts or a "
        "council home they should not have. You can stay anonymous.",
        "",
    ),
    "blue-badge-misuse": (
        "Report blue badge misuse",
        "Tell us if you think a blue badge is being used by someone it does not belong to.",
        "",
    ),
    "scam-warnings": (
        "Report a scam or rogue trader",
        "Scams, rogue traders, doorstep crime and unfair selling.",
        "",
    ),
    "whistleblowing": (
        "",
        "If you work for or with the council and are worried about wrongdoing, you can tell us in confidence.",
        "",
    ),
    "business-grants": (
        "Apply for a business grant",
        "Grants for small businesses in Wyebridge to start up, grow or make their premises greener.",
        "",
    ),
    "starting-a-business": (
        "",
        "Free advice on starting a business in Wyebridge, from licences to business rates.",
        "Free",
    ),
    "markets": (
        "Book a market stall",
        "Wyebridge market runs every Tuesday and Saturday, and there is a farmers market once a month.",
        "From £25 a day",
    ),
    "commercial-property": (
        "Rent a council business unit",
        "We rent out shops, offices and industrial units. See what is available.",
        "",
    ),
    "business-advice-events": (
        "",
        "Free workshops and networking events for local businesses, run with the Wyeshire Growth Hub.",
        "Free",
    ),
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
