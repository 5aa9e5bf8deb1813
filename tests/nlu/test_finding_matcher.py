"""Sentences people write, with the findings and polarity a clinician would read in them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.core.knowledge_types import KnowledgeBase
from bot.core.screening import warning_signs
from bot.language.finding_matcher import FindingMatcher, edit_distance
from bot.language.lexicon import load_lexicon
from bot.serving.check import story_readers
from tests.conftest import ROOT

Read = Callable[[str], dict[str, str]]
P, A, U = "present", "absent", "unknown"

CASES: list[tuple[str, dict[str, str | None]]] = [
    # plain statements, synonyms and drug names
    ("I get cramps in my calves at night", {"night_cramps": P}),
    ("the cramps wake me up", {"night_cramps": P}),
    ("I can see bulging blue veins on my legs", {"visible_veins": P}),
    ("I've had varicose veins for years", {"visible_veins": P}),
    ("I'm on furosemide", {"diuretics": P}),
    ("started bendroflumethiazide last month", {"diuretics": P}),
    ("I take indapamide and atorvastatin", {"diuretics": P, "statin": P}),
    ("my water pills make me pee a lot", {"diuretics": P}),
    ("I barely drink anything at work", {"dehydration": P}),
    ("I run marathons", {"exercise_strenuous": P}),
    ("I sit at a desk all day", {"exercise_sedentary": P}),
    ("I walk the dog every day", {"exercise_regular": P}),
    ("I'm not very active", {"exercise_sedentary": P}),
    ("I'm 72", {"age_over_60": P}),
    ("34 weeks pregnant", {"pregnancy": P}),
    ("around mile 18 my calves started cramping really bad", {"exercise_strenuous": P}),
    ("I ran 13.5 miles on Sunday", {"exercise_strenuous": P}),
    ("we drove 300 miles to see my sister", {"exercise_strenuous": None}),
    ("the cramp lasted 20 minutes", {"long_cramp": P}),
    # negation with scope
    ("no swelling but my veins bulge", {"ankle_swelling": A, "visible_veins": P}),
    ("I'm 45", {"age_over_60": A}),
    ("cramps that last 2 mins max", {"long_cramp": A}),
    (
        "my foot is cold and pale and i cant move my toes since this morning",
        {"cold_pale_leg": P, "sudden_leg_weakness": P},
    ),
    ("she hasnt had a wee since last night", {"no_urine": P, "night_cramps": None}),
    ("no water tablets", {"diuretics": A, "statin": None}),
    ("my husband is 80", {"age_over_60": P}),
    ("my grandmother (89) wakes with cramps", {"age_over_60": P}),
    ("I don't take water pills", {"diuretics": A}),
    ("cramps, but never at night", {"night_cramps": A}),
    ("I stopped my diuretic last year", {"diuretics": A}),
    ("my doctor took me off furosemide", {"diuretics": A}),
    ("had a bad fall yesterday and my shin has swelled up, the pain is off the charts", {"pain_out_of_proportion": P}),
    ("the swelling has gone down but my calf is still sore", {"ankle_swelling": A, "calf_pain": P}),
    ("I drink plenty of water", {"dehydration": A}),
    ("I don't drink enough", {"dehydration": P}),
    ("bladder and bowels are normal", {"bladder_bowel_change": A}),
    ("i dont take any pills", {"diuretics": A, "statin": A}),
    ("no chest pain and I'm not short of breath", {"chest_pain": A, "breathless": A}),
    ("I don't take tablets and my veins stick out", {"diuretics": A, "visible_veins": P}),
    ("I don't exercise", {"exercise_sedentary": P}),
    # hedging
    ("not sure if my veins count", {"visible_veins": U}),
    ("maybe a bit swollen", {"ankle_swelling": U}),
    ("I think I might be dehydrated", {"dehydration": U}),
    # several findings, each with its own polarity
    (
        "legs heavy and achy by the evening, ankles puffy, bulging veins, cramps at night",
        {"heavy_legs": P, "ankle_swelling": P, "visible_veins": P, "night_cramps": P},
    ),
    (
        "my left calf is swollen red and hot, I flew back from Bangkok on Monday",
        {"one_leg_swollen": P, "leg_red_warm": P, "clot_risk": P},
    ),
    ("my calf is swollen, red and hot since my flight yesterday!", {"leg_red_warm": P, "clot_risk": P}),
    ("my calf is red and hot, and my eyes itch", {"leg_red_warm": P}),
    (
        "on furosemide, I feel really weak and my heart keeps fluttering",
        {"diuretics": P, "muscle_weakness": P, "palpitations": P},
    ),
    ("numb around my bottom and I can't control my bladder", {"saddle_numbness": P, "bladder_bowel_change": P}),
    ("my foot went white and cold an hour ago", {"cold_pale_leg": P}),
    ("my pee is cola brown after the marathon", {"dark_urine": P, "exercise_strenuous": P}),
    ("my calf hurts when I walk and goes away when I stand still", {"claudication": P}),
    # how people tell signs: by size, feel and colour, by what bleeding looks like, a risk beside a sore calf
    (
        "I had knee surgery 5 days ago and now my calf is really swollen and tight and hurts when I walk",
        {"one_leg_swollen": P, "clot_risk": P, "calf_pain": P},
    ),
    ("my left leg is twice its normal size", {"one_leg_swollen": P}),
    ("my right calf feels tight and sore since the long flight", {"calf_pain": P, "clot_risk": P}),
    ("my calf went red and purple", {"leg_red_warm": P}),
    ("the back of my leg is black and blue and swollen", {"leg_red_warm": P, "one_leg_swollen": P}),
    ("the vein on my ankle is spurting", {"bleeding_vein": P, "bleeding_wont_stop": P}),
    ("it soaked through two towels", {"bleeding_wont_stop": P}),
    ("I'm on the pill and my calf is sore", {"clot_risk": P, "calf_pain": P}),
    ("on blood thinners and my calf aches", {"previous_clot": P, "calf_pain": P}),
    ("chills and a red patch on my shin that keeps spreading", {"fever": P, "spreading_redness": P}),
    ("my temperature was 38.9 and the redness is spreading", {"fever": P, "spreading_redness": P}),
    ("numb in the ass and straining to pee", {"saddle_numbness": P, "bladder_bowel_change": P}),
    ("calf pain and my breathing is laboured", {"breathless": P, "calf_pain": P}),
    ("I've been exercising really hard lately, much more than usual", {"exercise_strenuous": P}),
    ("heavy squats this week", {"exercise_strenuous": P}),
    ("ran 20 miles yesterday, way more than usual", {"exercise_strenuous": P}),
    ("the cramp is still going after 20 minutes and won't ease", {"cramp_not_easing": P}),
    ("been throwing up for two days and can't keep water down", {"persistent_vomiting": P}),
    ("my cast feels too tight and my toes are tingling", {"cast_too_tight": P}),
    ("my varicose veins ache and itch", {"aching_veins": P, "visible_veins": P}),
    ("my left calf has hurt for days and keeps getting worse", {"lasting_calf_pain": P, "calf_pain": P}),
    ("the cramp kept coming back in my calf", {"sciatica": None}),
    # assertion: hypothetical, long past, figures of speech
    ("I knew about the risk of clots", {"previous_clot": U}),
    ("The next day, my feet and bottom felt numb.", {"saddle_numbness": P}),
    ("i have very slight numbing around the buttox and grion", {"saddle_numbness": P}),
    ("I could feel numbness and tingling in my legs, and groin.", {"saddle_numbness": P}),
    ("What came out looked a lot like squid ink. Well, peeing squid ink kind of freaked me out.", {"dark_urine": P}),
    ("My leg was severely discoloured and almost bluish.", {"cold_pale_leg": P}),
    ("One night, I took off my boot to look at them. My toes were all bright blue.", {"cold_pale_leg": P}),
    ("my toes go blue in the cold", {"cold_pale_leg": None}),
    ("I have purple toenails from running", {"cold_pale_leg": None}),
    ("my big toe is purple after I kicked the door", {"cold_pale_leg": None}),
    # a letter left out, at equal distance from two words, is the word the letters come from
    ("there's a red patch sprading and I have a fevr", {"fever": P, "spreading_redness": P}),
    ("I'm shor of beath and my calf is swollen", {"breathless": P}),
    ("my fot went cold and white", {"cold_pale_leg": P}),
    ("hii", {"exercise_strenuous": None}),
    ("The edge of the half cast was pressing my foot.", {"cast_too_tight": P}),
    ("one of the veins looked really swollen,\nplus it turned red and hurt to touch.", {"hard_painful_vein": P}),
    ("my leg went dead after sitting on the toilet too long", {"sudden_leg_weakness": None}),
    ("I'm on HRT and my left leg is swollen", {"clot_risk": P, "calf_pain": None}),
    ("drink loads of water and dont take water tablets", {"dehydration": A, "diuretics": A}),
    ("the bottom of my feet felt numb", {"saddle_numbness": None, "numbness": P}),
    ("I had a DVT years ago", {"previous_clot": P, "one_leg_swollen": None}),
    ("years ago my leg swelled up after a flight", {"one_leg_swollen": None}),
    ("I had cramps years ago and last night my calf went cold and white", {"cold_pale_leg": P}),
    ("my left leg has been swollen for years", {"one_leg_swollen": None}),
    ("I've had cramps for years and last night my calf went cold and white", {"cold_pale_leg": P}),
    ("I've had cramps at night for years", {"night_cramps": P}),
    ("these cramps are killing me", {"fainting": None, "sudden_leg_weakness": None}),
    ("I was on some drugs which caused another weight spurt", {"bleeding_wont_stop": None}),
    ("it spurted blood all over the floor from my leg", {"bleeding_wont_stop": P}),
    ("I'm confused about why my legs cramp", {"confusion": None}),
    ("I'm confused. I've been told to drink eight glasses of water a day.", {"confusion": None}),
    ("I'm confused and dizzy and I've been vomiting all day", {"confusion": P}),
    ("she was shivering and sweating, was spaced out and her heart was racing", {"confusion": P, "fever": P}),
    ("I'm dying to know why my legs cramp when I swim", {"fainting": None}),
    ("when it comes to drinking I'm a bit lax", {"fainting": None}),
    ("pushing through 3 flights of stairs makes my legs ache", {"clot_risk": None}),
    # a clot being treated now, and one long ago
    ("diagnosed with a dvt last week, on rivaroxaban", {"clot_being_treated": P, "previous_clot": P}),
    ("I had a DVT years ago and was on warfarin for six months", {"previous_clot": P, "clot_being_treated": None}),
    # a clot told as one a person has now, or thinks they have, and not as one had or diagnosed
    ("So, the final verdict is in- I have blood clots in my leg.", {"clot_now": P}),
    ("i think i have a dvt in my calf", {"clot_now": P}),
    ("Had scan. I do have a DVT - a deep vein thrombosis.", {"clot_now": P}),
    ("I've had a clot before", {"clot_now": None, "previous_clot": P}),
    ("i don't think i have a clot", {"clot_now": A}),
    ("it might be a clot", {"clot_now": None}),
    ("I have a family history of blood clots", {"clot_now": None, "clot_risk": P}),
    ("the scan found I have a clot, I'm on apixaban", {"clot_now": None, "clot_being_treated": P}),
    # jobs and days that tell how active someone is
    ("I'm a postman, walk all day", {"exercise_regular": P}),
    ("retired, garden most days", {"exercise_regular": P}),
    ("she hardly moves, mostly in her chair", {"exercise_sedentary": P, "exercise_regular": None}),
    ("I'm a carer for my mum", {"exercise_regular": None}),
    # spider (thread) veins are not the bulging veins of the veins question, and no misspelling of "shivery"
    ("I have purple spider veins on my thighs", {"visible_veins": None}),
    ("what is a spidery vein", {"fever": None}),
    # a denial covers the list after it, not the next statement
    ("no swelling, redness, or warmth in my calf", {"ankle_swelling": A, "leg_red_warm": A}),
    ("they aren't crampy, or tingling, or numb, or swollen", {"numbness": A, "ankle_swelling": A}),
    ("no swelling, my calf hurts", {"calf_pain": P}),
    # stories: how often, what nearly happened, what happened next, not knowing why
    ("I keep getting cramps in my calves", {"frequent_cramps": P}),
    ("this is the second time this week a cramp has woken me", {"frequent_cramps": P, "night_cramps": P}),
    ("the pain was so bad I almost passed out", {"fainting": None}),
    ("I was 10 miles into the race. Then my calf cramped.", {"cramp_with_exercise": P}),
    ("I don't know why my ankles are swollen", {"ankle_swelling": P}),
    ("my mum is in her seventies", {"age_over_60": P}),
    ("it has been six weeks since my delivery and my left calf hurts", {"clot_risk": P, "calf_pain": P}),
    ("my left calf was sore on monday. by thursday it was swollen", {"one_leg_swollen": P, "calf_pain": P}),
    ("My foot tingled all morning. Then it went white and cold.", {"cold_pale_leg": P}),
    ("a charley horse in my calf that wouldn't go away", {"cramp_not_easing": P}),
    ("the varicose vein bled when I knocked it, it stopped after I pressed it", {"bleeding_wont_stop": A}),
    ("the vein on my ankle burst and i cant get it to stop bleeding", {"bleeding_wont_stop": P}),
    # a fear named is no condition had; a clot had is one, whatever is feared next
    ("I was worried about clots on the flight so I wore flight socks", {"previous_clot": None, "clot_risk": P}),
    ("I had a DVT in 2019 and I am scared of getting another one", {"previous_clot": P}),
    ("I read that you can get clots on long flights, should I worry?", {"previous_clot": U}),
    ("I heard that water tablets can cause cramps, I'm on furosemide", {"diuretics": P}),
    ("I've been dribbling and it's hard to pee since my back went", {"bladder_bowel_change": P}),
    ("I picked a scab, not realizing it was attached to a varicose vein", {"visible_veins": P}),
    # a story begun long ago is long past until it comes back to now
    (
        "Years ago I broke my leg. My left calf swelled up and went red.",
        {"one_leg_swollen": None, "leg_red_warm": None},
    ),
    ("Years ago I had a DVT. Now my left calf is swollen.", {"previous_clot": P, "one_leg_swollen": P}),
    ("Last month I flew to Spain. My left calf swelled up and went red.", {"one_leg_swollen": P, "clot_risk": P}),
    ("since I came off the plane my left calf has been aching", {"clot_risk": P, "calf_pain": P}),
    ("the pain went down both my legs", {"both_legs_nerve_pain": P}),
    ("my calves always cramp up during a workout", {"cramp_with_exercise": P}),
    ("My leg had completely gone. No movement in my foot.", {"sudden_leg_weakness": P}),
    # DVT's pain is often a cramp: one told beside a clot risk is calf pain, a night cramp is not
    ("Ever since my knee op I've had some calf cramping.", {"clot_risk": P, "calf_pain": P}),
    ("Since my operation I get cramps at night", {"clot_risk": P, "calf_pain": None}),
    ("I have chronic leg cramps at night", {"night_cramps": P}),
    ("the longer the day went on, the more I was gasping", {"breathless": P}),
    ('the pain would lift and I would breathe again while gasping "sciatic"', {"breathless": None}),
    # a relative's clot is a risk of one's own, not one's own past clot
    ("my family has a history of blood clots", {"clot_risk": P, "previous_clot": None}),
    ("I've been well hydrated on every run", {"dehydration": A}),
    # misspellings
    ("my calfs cramo at nite", {"night_cramps": P}),
    ("varicouse viens", {"visible_veins": P}),
    ("on furosimide", {"diuretics": P}),
    ("no swolen ankles", {"ankle_swelling": A}),
    ("my legs ake all the time and my vains stick out", {"heavy_legs": P, "visible_veins": P}),
    ("ive had diahrea for 3 days", {"persistent_vomiting": P}),
    ("brething is hard and my chest hurts", {"breathless": P, "chest_pain": P}),
    # a time or a reason after a denial is not denied with it
    ("i dont get out much since my hip op", {"clot_risk": P}),
    # a story names the leg once and tells two sentences on what it did
    (
        "I noticed a pain in the calf of my left leg. I thought I had strained it. The pain got worse each day.",
        {"lasting_calf_pain": P},
    ),
    ("My right calf was sore. I rested it. By the evening it was red and hot.", {"leg_red_warm": P}),
    ("My longest run to date. My legs were feeling it. Starting to cramp.", {"cramp_with_exercise": P}),
    ("My back has been bad for days. The pain goes down my left leg.", {"sciatica": P}),
    # softened is still said; a fear of what may come is no sign now
    ("all day I was feeling kind of faint", {"fainting": P}),
    ("I was anxious that swelling would be a problem on the flight", {"ankle_swelling": U}),
    ("my legs couldn't support me and I fell to the ground", {"sudden_leg_weakness": P}),
    ("I tried to stand but couldn't. My legs wouldn't work.", {"sudden_leg_weakness": P}),
    ("the pain was severe in my chest and back", {"chest_pain": P}),
    ("a dark purple rash on his leg, and you could see how fast it was spreading", {"spreading_redness": P}),
    ("I woke up and couldn't feel anything from the waist down", {"saddle_numbness": P}),
    ("I don't feel much of anything below the waist", {"saddle_numbness": P}),
    ("I awoke to find that I had no feeling below my waist", {"saddle_numbness": P}),
    ("The next morning, I woke up and could barely feel my legs.", {"numbness": P}),
    ("I don't feel much better today", {"numbness": None}),
    ("on day three I woke up in the hospital and I'd lost everything from the waist down", {"saddle_numbness": P}),
    ("My left leg was heavy. My son said he was not surprised as it's swollen.", {"one_leg_swollen": P}),
    # a word that only says how much does not break a phrase
    ("I looked at my foot. It was quite pale in color.", {"cold_pale_leg": P}),
    ("Then I mentioned my left leg. It was a bit swollen.", {"one_leg_swollen": P}),
    ("My right calf hurt. It was a little bit swollen.", {"one_leg_swollen": P}),
    ("Recently, I have noticed that my right foot gets really, really cold.", {"cold_pale_leg": P}),
    # soreness the day after a cramp is no calf pain that lasts
    ("I got a charley horse last night. My calf is still sore today.", {"lasting_calf_pain": None}),
    ("my chest felt really tight", {"chest_pain": P}),
    ("I was really gasping on the stairs", {"breathless": P}),
    ("Even when I ended up in the ER unable to breathe, they made me walk around", {"breathless": P}),
    ("A searing pain in my chest coupled with a terrifying inability to breathe", {"breathless": P}),
    ("I'm expecting and my calves cramp at night", {"pregnancy": P}),
    ("my fat right leg throbbed all night", {"one_leg_swollen": P}),
    ("the pain in my thighs was so bad that I couldn't bend my legs", {"severe_leg_pain": P}),
    ("They (those blasted veins) had been hurting more and more.", {"aching_veins": P}),
    ("I got the shakes and a red patch on my shin", {"fever": P}),
    ("the redness on my shin is spreading really fast", {"fast_spreading_redness": P, "spreading_redness": P}),
    ("a red patch on my calf, it has spread a little since last week", {"fast_spreading_redness": None}),
    # a line break after a full stop, or a blank line, ends one sentence, not two
    ("My fractures were minor. So I went home.\nExcruciating pain followed for days.", {"pain_out_of_proportion": P}),
    ("I had a crush injury!!! I went home.\n\nExcruciating pain followed.", {"pain_out_of_proportion": P}),
    ("I started to feel pain in my left upper chest area when I breathed in.", {"chest_pain": P}),
    ("I had the worst pain on my left side when I took a deep breath", {"chest_pain": P}),
    ("one foot on the bottom stair, my head hanging way down trying to breath.", {"breathless": P}),
    ("I needed to pee, so I crawled to the toilet but could not get anything to come.", {"bladder_bowel_change": P}),
    ("My leg was getting cold and I was starting to lose heart rate", {"cold_pale_leg": P}),
    ("I noticed the bite on my calf had gotten larger", {"spreading_redness": P}),
    # two negations cancel
    ("A few days passed. I couldn't sit down without enduring severe pain.", {"severe_leg_pain": P}),
    ("I can't go a single night without cramps", {"night_cramps": P}),
    # real words never corrected into a warning sign, and a burning pain that is no colour
    ("the cellulite on my thighs is getting worse", {"spreading_redness": None, "leg_red_warm": None}),
    ("my plantar fasciitis flared up again", {"clot_risk": None, "leg_injury": None}),
    ("it's lymphodema, my left leg is swollen", {"clot_risk": None, "one_leg_swollen": P}),
    ("it felt like a white-hot nail in my calf", {"cold_pale_leg": None}),
    ("I was in a car accident and have a big bruise on my leg", {"bladder_bowel_change": None}),
    ("I've had accidents, I can't tell when I need to pee", {"bladder_bowel_change": P}),
    ("I go to lift my bad leg and it shakes", {"fever": None}),
    ("I've got the shakes and my leg is red and hot", {"fever": P}),
    # an infection that travels is spreading; the infection named for spreading within hours is spreading fast
    ("by Tuesday the infection had reached my right knee", {"spreading_redness": P}),
    ("the surgeon said it was necrotising fasciitis, all through my leg", {"fast_spreading_redness": P}),
    # cold feet someone has, or cold hands and feet, are a lasting complaint, not a foot turning cold
    ("I've always got cold feet in the winter", {"cold_pale_leg": None}),
    ("I get cold hands and feet", {"cold_pale_leg": None}),
    ("the nurse couldn't find a pulse in my foot", {"cold_pale_leg": P}),
    # how bad a pain is, said by a word beside the pain; a hard workout or a pain elsewhere is not it
    ("I've had extreme calf pain since Sunday", {"severe_leg_pain": P}),
    ("my thigh is unbearably sore", {"severe_leg_pain": P}),
    ("the pain was horrendous and I could not put weight on it", {"severe_leg_pain": P}),
    ("my legs are a bit sore after an intense workout", {"severe_leg_pain": None}),
    ("the pain was severe in my chest", {"severe_leg_pain": None}),
    # a pain in one leg that went on for weeks, or would not ease
    ("I had a dull ache in my right calf for a few weeks", {"lasting_calf_pain": P}),
    ("my left calf was sore and it didn't ease all day", {"lasting_calf_pain": P}),
    # a leg gone to sleep is numb
    ("my left leg had fallen asleep", {"numbness": P}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:40] for text, _ in CASES])
def test_reads_findings_with_polarity(read: Read, text: str, expected: dict[str, str | None]) -> None:
    found = read(text)
    assert {f: found.get(f) for f in expected} == expected


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("I have blue veins on my legs", "cold_pale_leg"),
        ("my legs cramp in hot weather", "leg_red_warm"),
        ("my legs cramp, and my face is red", "leg_red_warm"),
        ("I feel dizzy when I stand up", "prolonged_standing"),
        ("my thighs ache and my pee is cola brown", "skin_changes"),
        ("a stabbing pain in my calf", "chest_pain"),
        ("I had a blood clot in a vein years ago", "bleeding_vein"),
        ("good night", "night_cramps"),
        ("are you a nurse", "prolonged_standing"),
        ("calf cramped on the 14 hour flight", "long_cramp"),
        ("it went after 2 minutes", "long_cramp"),
        ("hi there", "night_cramps"),
        # a train ridden is no training, and a leg gone to sleep is no night
        ("I took the train to work", "exercise_strenuous"),
        ("my left leg had fallen asleep", "night_cramps"),
        ("a hard tender vein on my calf", "visible_veins"),
        ("im on a blood pressure tablet", "statin"),
        ("my shin splints are back since I upped my mileage", "clot_risk"),
        ("my back was agony, it felt like I had broken my leg", "leg_injury"),
        ("the vein is unsightly but it never hurts", "night_cramps"),
        # a common word is meant as written, never taken for a misspelt lexicon word
        ("I will have these veins forever", "fever"),
        ("I'm overweight and my calves cramp", "night_cramps"),
        ("after my workout I felt great, then I drove home", "cramp_with_exercise"),
        ("i go to the gym 5 times a week and do heavy leg days", "heavy_legs"),
        ("i have restless legs at night, not cramps, just an urge to move them", "night_cramps"),
        ("the cramp lasted (20) minutes", "age_over_60"),
        ("my ankles swell in hot weather, it goes down overnight", "night_cramps"),
        ("My feet ache after work. It was cold outside so I wore thick socks.", "cold_pale_leg"),
        ("I stretched my left calf and warmed up on the bike", "leg_red_warm"),
        ("it is simply water retention in my ankles", "bladder_bowel_change"),
        ("My leg suddenly cramped really bad. I could not move my calf for like a minute.", "sudden_leg_weakness"),
        ("She feared it was a DVT, a deep vein thrombosis, a blood clot.", "previous_clot"),
        ("swollen calves, the skin so tight it feels like it will burst", "bleeding_vein"),
        ("I tried to shake my foot but it stayed stiff", "fever"),
        ("I take a deep breath and stretch my sore calf", "chest_pain"),
        ("I rolled my ankle and hobbled around my bedroom for a bit", "leg_red_warm"),
        ("I favor my left leg for pushing the shovel into the soil", "bladder_bowel_change"),
        ("I ran my hand down my calf, trying to remember what I did", "exercise_regular"),
        ("I remember thinking: I didn't expect to go like this", "pregnancy"),
        # "go" is no "went": a plan or a habit is nothing sudden
        ("I can't walk far so I go slowly with a stick", "sudden_leg_weakness"),
        ("My feet are cold, I am going to buy thicker socks", "cold_pale_leg"),
        # spaCy's lemmas: "number" is "numb", "fat" is the lemma of "fatter"
        ("I called the number they gave me", "numbness"),
        ("I had my flu shot yesterday and my calves cramp", "sciatica"),
        ("When I am leaving work my legs swell up", "one_leg_swollen"),
        ("my heart rate was fine during the race", "palpitations"),
        ("I lost 10 pounds and my heart is healthy", "palpitations"),
        ("I am fat and my left leg cramps at night", "one_leg_swollen"),
        (
            "I woke up with the most excruciating cramp in my calf. It felt like it was trying to break my leg.",
            "pain_out_of_proportion",
        ),
        ("a terrible pain in my calf, I could not move my foot, it was locked in place", "sudden_leg_weakness"),
    ],
)
def test_does_not_read_what_is_not_said(read: Read, text: str, not_expected: str) -> None:
    assert read(text).get(not_expected) is None


def test_empty_and_odd_text_gives_nothing(read: Read) -> None:
    for text in ["", "   ", "!!!", "😀😀", "1234", "a" * 500]:
        assert read(text) == {}


def test_the_spelling_memory_is_bounded(knowledge: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server reading new words all day keeps at most CORRECTIONS_KEPT corrections, and still corrects."""
    import spacy

    from bot.language import finding_matcher
    from bot.language.spacy_pipeline import PIPELINE_DIR

    monkeypatch.setattr(finding_matcher, "CORRECTIONS_KEPT", 5)
    matcher = FindingMatcher(spacy.load(PIPELINE_DIR), load_lexicon(knowledge))
    typed = " ".join(f"zorblat{index}x" for index in range(40))
    matcher.find(matcher.nlp(typed))
    assert matcher._correct.cache_info().currsize <= 5
    assert [f.finding for f in matcher.find(matcher.nlp("no swolen ankles"))] == ["ankle_swelling"]


def test_edit_distance() -> None:
    assert edit_distance("cramo", "cramp", 2) == 1
    assert edit_distance("viens", "veins", 2) == 1  # a swap counts once
    assert edit_distance("cat", "elephant", 2) == 3  # stops early past the limit


def test_lexicon_is_complete_and_tidy(knowledge: KnowledgeBase) -> None:
    lexicon = load_lexicon(knowledge)
    covered = {f for rule in lexicon.rules for f in rule.findings} | {n.finding for n in lexicon.numbers}
    buttons_only = {sign.id for sign in warning_signs(knowledge)}
    story_reader = {reader.finding for reader in story_readers(ROOT / "config.yml")}
    assert story_reader <= set(knowledge.findings), "the story reader's finding is one of findings.yml"
    assert covered == set(knowledge.findings) - buttons_only - story_reader, "every other finding is read"
    used = {c for rule in lexicon.rules for c in rule.all_of + rule.unless + rule.unless_nearby}
    used |= {n.needs for n in lexicon.numbers}
    assert set(lexicon.concepts) <= used, "no unused concepts"


def test_lumpy_varicose_veins_are_not_a_hard_painful_vein(read: Read) -> None:
    found = read("got lumpy purple veins behind both knees")
    assert found.get("visible_veins") == P
    assert "hard_painful_vein" not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heart sometimes skips? not sure if thats normal", {"palpitations": U}),
        ("i can move my toes fine", {"sudden_leg_weakness": A}),
        ("my foot doesnt hurt when im resting and its not cold", {"rest_pain": A, "cold_pale_leg": A}),
        ("I used to run but now I work from home", {"exercise_strenuous": A, "exercise_sedentary": P}),
        ("calf cramps about once a month", {"frequent_cramps": A}),
        ("pee is a normal colour", {"dark_urine": A}),
        ("the cramps only last a few seconds", {"long_cramp": A}),
    ],
)
def test_reassurance_and_past_habits(read: Read, text: str, expected: dict[str, str]) -> None:
    found = read(text)
    assert {f: found.get(f) for f in expected} == expected


@pytest.mark.parametrize(
    ("text", "asked", "told"),
    [
        ("wait, what is a varicose vein", "visible_veins", None),
        ("do compression socks help with swelling?", "ankle_swelling", None),
        ("I get cramps at night. what can I do?", None, "night_cramps"),
        ("my calf cramped for 20 minutes, stretching did nothing", None, "long_cramp"),
    ],
)
def test_a_finding_in_a_question_is_asked_about_not_told(
    matcher: FindingMatcher, text: str, asked: str | None, told: str | None
) -> None:
    doc = matcher.nlp(text.lower())
    spans = matcher.asked(doc)
    in_question = {f.finding: any(start <= f.start < end for start, end in spans) for f in matcher.find(doc)}
    if asked:
        assert in_question[asked] is True
    if told:
        assert in_question[told] is False
