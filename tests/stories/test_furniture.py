"""Page furniture and sentences that do not read alone (stories/furniture.py): invented text."""
from __future__ import annotations

import pytest

from newsweave.model import Article
from newsweave.stories.furniture import (display_title, furniture_ranges, in_furniture,
                                         is_caption, is_furniture, lead_start, points_back,
                                         stands_alone)


def test_a_flattened_head_ends_at_its_timestamp_credit_or_dateline():
    text = ("Harbour bridge approved after long row Fishermen fear for their boats Tuesday 4 "
            "March 2024 09.15 GMT The Portville council approved a new bridge on Monday.")
    assert text[lead_start(text):] == "The Portville council approved a new bridge on Monday."
    text = ("A ferry waits at the quay. (AP Photo) PORTVILLE, Ore. -- The council approved a "
            "bridge on Monday. It will open in 2026.")
    assert text[lead_start(text):].startswith("The council approved")
    # a report that starts at once has no head; a marker far into the text is not one
    text = "The council approved a bridge. " * 20 + "Photograph: Jo Lee/Reuters The end."
    assert lead_start(text) == 0


def test_a_caption_and_a_comment_thread_are_furniture_ranges():
    text = ("The council approved a bridge on Monday. A ferry waits at the quay. Photograph: "
            "Jo Lee/Reuters The mayor said it would open in 2026. At 07:55 am on 5 Mar 2024, "
            "Sam wrote: Nobody asked us.")
    article = Article.from_text("a", text)
    pieces = [article.text[a:b].strip() for a, b in furniture_ranges(article.text)]
    assert pieces == ["A ferry waits at the quay. Photograph: Jo Lee/Reuters",
                      "At 07:55 am on 5 Mar 2024, Sam wrote: Nobody asked us."]
    start = article.text.index("The mayor")
    assert not in_furniture(article, start, start + 30)
    assert in_furniture(article, article.text.index("Nobody"), len(article.text))


@pytest.mark.parametrize("sentence, caption", [
    ("The mayor speaks at the opening of the harbour bridge in Portville.", True),
    ("Fishermen, left, listen to the mayor at the quay on Monday.", True),
    ("Workers are seen on the new bridge deck.", True),
    ("The mayor spoke at the opening of the bridge on Monday.", False),
    ("The mayor speaks often about the bridge, aides said.", False),
    ("A storm surge causes a flood in the old port.", False),
    ("People cross a normally quiet street in the old port.", True),
    # a picture's day with its year, told in the present
    ("Singer Ana Ruiz makes a surprise appearance at the fair in Portville, Friday Nov. 1, 2002.",
     True),
    ("Fishermen, holding up pictures of detained sailors, demonstrate on the quay on Jan. 24, "
     "2011.", True),
    ("Police arrested twenty fishermen on the quay on Jan. 24, 2011.", False),
    ("The deadline for the bridge is Jan. 24, 2011.", False),
])
def test_captions_without_a_credit(sentence, caption):
    assert is_caption(sentence) is caption


@pytest.mark.parametrize("sentence, alone", [
    ("The Portville council approved a new harbour bridge on Monday.", True),
    ("The bridge's opponents, fishermen of the old port, plan an appeal.", True),
    ("The bridge will open in 2026, the mayor said.", False),  # which bridge?
    ("All fishermen were told to move their boats.", False),
    ("The second, by the harbour master, was rejected.", False),
    ("The mayor, by contrast, praised the plan.", False),
    ("Fishermen cheered at the news.", False),
    ("At a dinner last week, I heard a councillor praise the plan.", False),
    ("Let's see, the bridge is the mayor's legacy.", False),
    ("She thanked the Harbour Authority.", False),
    ('"We will build it," the mayor said.', True),
    ("A ferry at dusk 2024 Portville Gazette Ltd or its affiliated companies.", False),
    ("Harbour view at dawn \u00a9 2024 Portville Gazette.", False),
    ("In the harbour town, it has more than lost fares to answer for.", False),
    ("Here is the transcript of the mayor's announcement.", False),
    ("Views expressed in the comments do not represent those of the Gazette.", False),
    ("The following correction was printed in the Gazette's corrections column on Sunday.",
     False),
])
def test_which_sentences_stand_alone(sentence, alone):
    assert stands_alone(sentence) is alone


def test_a_story_title_is_a_headline_or_a_lead_that_reads_alone():
    # a timestamp given as the title: the next short line is the headline
    assert display_title("9 / 10 / 2024 @ 1: 19PM",
                         "9 / 10 / 2024 @ 1: 19PM\n\nCouncil Approves Harbour Bridge\nThe "
                         "council approved ...") == "Council Approves Harbour Bridge"
    # a flattened page: not the caption or the head, the report's first sentence
    text = ("Bridge row ends A ferry waits at the quay. Photograph: Jo Lee/Reuters The Portville "
            "council approved a new harbour bridge on Monday. It will open in 2026.")
    assert display_title(None, text) == \
        "The Portville council approved a new harbour bridge on Monday."
    assert display_title("Council approves harbour bridge", text) == \
        "Council approves harbour bridge"


@pytest.mark.parametrize("text, lead", [
    ("March 4, 2024 | By Ann Roe and Tom Hale, CNN Fishermen have used radio to organise a "
     "protest. The council met on Monday.", "Fishermen have used radio"),
    # a byline, then highlights run together without full stops, then the dateline
    ("By the CNN Wire Staff Mayor says the bridge will open in May Fishermen fear for their "
     "boats Send us your photos of the quay. Portville, Oregon (CNN) -- The council approved a "
     "bridge on Monday. It will open in 2026.", "The council approved"),
    ("By Ann Roe Business reporter, BBC News Acme wants to draw a line under the flood. Its "
     "shares rose.", "Acme wants"),
    # ... and the caption run into the report after it is head too
    ("By Ann Roe Political correspondent, BBC News The mayor is facing calls from some papers "
     "to act The pressure on the mayor over the flood may not be intense. But she will speak on "
     "Monday.", "The pressure on the mayor"),
    # a stamp with a dash before the time, then "| by:" and a name of two words
    ("July 27, 2024 - 12:48 PM | by: Ann Roe The Coast Guard is responding to a new leak. It "
     "said more.", "The Coast Guard is responding"),
    # a caption whose credit names only the agency ("Photograph: Rex Features")
    ("Acme shares slide Shares in Acme hit a low Friday 25 June 2010 10.07 BST Acme has set up "
     "a fund to pay for the clean-up. Photograph: Rex Features Shares in Acme hit a 14-year low "
     "this morning.", "Shares in Acme hit a 14-year low"),
    # photo captions of several sentences, the last one's credit, then the wire's dateline
    ("June 4: A crew picks up oil on the beach. Tar washed ashore on Friday. In this May 22 "
     "photo, pelicans land on an island. Oil affected the coast. AP NEW ORLEANS -- A device is "
     "sucking up oil.", "A device is sucking"),
    # a photo caption whose credit is the name the report opens on
    ("A worker inspects a pipeline in Alaska, the largest oil field. Acme Acme is in talks to "
     "sell assets.", "Acme is in talks"),
    # ... or whose credit owns what the report opens on
    ("A worker inspects a pipeline in Alaska, the largest oil field. Acme Acme's shares fell "
     "on Friday.", "Acme's shares fell"),
    # a headline, then a caption, then the report opening on the headline's name again
    ("Mayor Ann Roe 'to close port' Ships queue to unload their grain at the quay Mayor Ann "
     "Roe is set to close the port of Nol on Monday, her office says.", "Mayor Ann Roe is set"),
    # ... but not a name that a title before it runs into
    ("Ann Roe said the port would close Ships are slipping away from the quay, the port's "
     "chief Ann Roe has warned. She spoke on Monday.", "Ann Roe said the port"),
    # a verb's object is no report glued on ("attended President Ruiz's meeting")
    ("Ann Roe, right, attended President Ruiz's meeting with the envoy in July. The ministry "
     "said Ann Roe would meet the envoy later.", "Ann Roe, right, attended"),
    # a dateline far into the report is not its start
    ("The council approved a bridge on Monday. " * 40 + "Portville (CNN) -- It rained.",
     "The council approved"),
    # a page stamp whose local time is marked "UK"
    ("Page last updated at 07:50 GMT, Friday, 1 June 2012 08:50 UK The council approved a "
     "bridge on Monday.", "The council approved"),
    # a headline and a caption run into the lead: a capitalised "A" after a name
    ("Karsa unrest: Villagers need protection, says UN Activists said thousands protested in "
     "Karsa on Friday A UN team has wrapped up its visit to the country.", "A UN team"),
    # ... or on a one-word name again
    ("Karsa threatens veto over port plan Karsa's envoy addressed the council in a closed "
     "meeting, diplomats say Karsa has threatened to veto a resolution on the port.",
     "Karsa has threatened"),
    # an editorial's headline run into its lead-in in capitals
    ("The port report is a start, but wait for other inquiries to get answers AS IT RELEASED "
     "its report on the flood this week, Acme insisted it was not assessing blame.",
     "AS IT RELEASED"),
    # ... but words in capitals inside a sentence lead nothing in
    ("Claims from the Acme PLC fund are paid IN FULL every week.", "Claims from"),
])
def test_a_byline_naming_its_outlet_and_a_credited_dateline_end_the_head(text, lead):
    assert text[lead_start(text):].startswith(lead)


@pytest.mark.parametrize("sentence", [
    "Filed under: Harbour news Fishermen take to the quay to protest.",
    "Would you like to make this your default edition? YES | NO",
    "Note: The full interview will air at 1600ET on Friday.",
    "Ann Roe reports on the manhunt for a former officer.",
    "Tom Hale looks at Karsa's training and provisions to cope with a flood.",
    "In File on 4, Tom Hale asks if lessons from earlier floods could have saved the port.",
    # a correction notice
    "A Page One article misstated the date of Ann Roe's statement about the inquiry.",
    "An earlier version of this story incorrectly gave the name of the ship's owner.",
    # a wire's correction, repeating the error it corrects
    "NOL, Karsa -- In a story Nov. 21, The Karsa Press reported that the port reopens Monday.",
    # a standfirst's byline, a live chat's notice
    "As the floods rage, music is finding a voice in Karsa, write Ann Roe and Tom Hale in Nol.",
    "Ann Roe, the river expert, was online Friday, May 28, at 1 p.m. ET to discuss the floods.",
    "Laurel, Md.: Tom Hale writes today that drilling has been forced into deep water.",
])
def test_tags_edition_pickers_schedule_notes_and_programme_blurbs_are_furniture(sentence):
    assert is_furniture(sentence) and not stands_alone(sentence)


@pytest.mark.parametrize("sentence", [
    "In a speech Nov. 21, Ann Roe said the port would reopen on Monday.",
    "In a story on Monday, the company said profits rose.",
    "It looks at three floodwall systems being tested by the army.",  # a pronoun, no blurb
])
def test_a_report_that_is_no_correction_is_no_furniture(sentence):
    assert not is_furniture(sentence)


@pytest.mark.parametrize("sentence, back", [
    ("Some are funny, like the painted boats on the quay.", True),
    ("In the altered version of the photo, three screens are blank.", True),
    ("Some 1,200 Americans got on chartered flights today.", False),
    ("The video of the attack was posted on Monday.", False),
])
def test_a_quantity_or_a_picture_named_before_points_back(sentence, back):
    assert points_back(sentence) is back


def test_a_credit_ends_after_an_agency_of_two_words():
    text = ("The council approved a bridge. A ferry at the quay. Photograph: Jo Lee/Rex Features "
            "The mayor said it would open in 2026.")
    pieces = [text[a:b] for a, b in furniture_ranges(text)]
    assert pieces == ["A ferry at the quay. Photograph: Jo Lee/Rex Features"]


def test_a_headline_glued_to_the_lead_of_a_flattened_page_is_its_head():
    text = ("Harbour council assesses ferry fallout The Portville Gazette is angry at the mayor "
            "for the closure. The mayor said the quay would reopen.")
    assert text[lead_start(text):].startswith("The Portville Gazette is angry")
    # a report that runs on ("told The Times") or a page with line breaks has no glued head
    assert lead_start("The mayor told The Times on Monday that the quay would reopen.") == 0
    assert lead_start("Ferry fallout\nThe Portville Gazette is angry at the mayor.") == 0


def test_a_wire_dateline_with_one_hyphen_opens_the_report():
    from newsweave.stories.furniture import lead_start

    text = ("U.S. joins Britain in urging swift U.N. Harbour action 1 of 2. Council diplomats "
            "vote on a motion at U.N. headquarters in New York February 26, 2011. UNITED NATIONS | "
            "Wed Mar 16, 2011 7:06 pm EDT UNITED NATIONS (Reuters) - The council urged swift "
            "action on Wednesday.")
    assert text[lead_start(text):].startswith("The council urged swift action")


def test_a_labelled_caption_block_with_a_wire_photographers_credit_is_furniture():
    from newsweave.stories.furniture import furniture_ranges

    text = ("We will never find out. Photo, top to bottom: People look at a jet after it "
            "crashed near the city March 22, 2011. The jet crashed overnight, a spokesman said "
            "on Tuesday. REUTERS/Jo Lee; A man sits in a tent. The war is a farce.")
    ranges = [text[a:b] for a, b in furniture_ranges(text)]
    assert ranges == [text[text.index("Photo, top"):text.index(";")]]


@pytest.mark.parametrize("text, rest", [
    # a photographer's name is one or two words: the report goes on with its own capitals
    ("A man walks on a beach. Photograph: Reuters/Jane Doe Mexico City lowered its alert.",
     "Mexico City lowered its alert."),
    ("A man walks on a beach. Photograph: AP/Tom Lee The US president spoke.",
     "The US president spoke."),
    ("A man walks on a beach. Photograph: Jo Lee/AFP/Getty images Raul Ortiz spoke.",
     "Raul Ortiz spoke."),
])
def test_a_credit_ends_at_the_photographers_name(text, rest):
    from newsweave.stories.furniture import furniture_ranges

    end = max(b for _, b in furniture_ranges(text))
    assert text[end:].strip() == rest
