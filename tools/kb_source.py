"""Hand-written knowledge base for the fictional company Halvard Home (read by tools/make_data.py)."""

from __future__ import annotations

# Each document: key, title, type, text (whitespace is normalised by make_data.py),
# qs: stable questions (question, answer[, extra gold doc keys]),
# emb: embedding-pair facts (key phrase locating the passage sentence, [colloquial queries]).
# The last query of every emb fact is reserved for the test split.

DOCS: list[dict] = [
    dict(
        key="man-mini",
        title="Halvard Cam Mini user manual",
        type="manual",
        text="""
The Halvard Cam Mini is a compact indoor security camera for shelves, desks and kitchen counters,
known internally as 'Wren'. It records 1080p video at 25 frames per second through a 110-degree
wide-angle lens and offers infrared night vision up to 8 metres. The camera measures 54 x 54 x 92 mm
and ships with a 1.5 m USB-C cable and a 5 V 1 A power adapter. The recommended retail price is 59 EUR.
Setup: plug in the camera, wait until the status light blinks amber, open the Halvard app and tap
Add Device, then scan the QR code on the base. The Cam Mini connects to 2.4 GHz Wi-Fi networks only;
5 GHz networks are not supported. Local recording uses a microSD card from 8 GB up to 256 GB,
formatted as FAT32 or exFAT. The built-in speaker and microphone support two-way talk with a latency
of around 400 ms. Privacy shutter: rotate the lens ring clockwise until it clicks to cover the lens;
the camera stops recording and the status light turns off. The status light meanings are: solid blue
means connected, blinking amber means ready to pair, solid red means no network. To factory reset,
hold the reset button next to the microSD slot for 10 seconds.
""",
        qs=[
            ("How far can the Halvard Cam Mini see in the dark with its infrared night vision?", "8 metres"),
            ("What is the field of view of the Halvard Cam Mini lens?", "110-degree"),
            ("What does a blinking amber status light on the Halvard Cam Mini indicate?", "ready to pair"),
        ],
        emb=[
            (
                "rotate the lens ring",
                [
                    "how do i close the little shutter thing on the wren",
                    "want the wren to stop filming when im home, is there a cover",
                    "is there a physical privacy cover on the small indoor cam",
                    "can i physically block the lens on wren when guests are over",
                ],
            ),
            (
                "2.4 GHz Wi-Fi networks only",
                [
                    "wren doesnt see my 5ghz network",
                    "does the wren do 5 gig wifi",
                    "only my 2.4 band shows up when adding the tiny 1080p cam, normal?",
                    "wren setup cant find my fast 5ghz wifi",
                ],
            ),
            (
                "blinking amber means ready",
                [
                    "what do the colours of the light on wren mean",
                    "wren light is solid red what does that mean",
                    "small indoor cam has a blue light on constantly, is that ok",
                    "orange blinking light on the wren??",
                ],
            ),
            (
                "recommended retail price",
                [
                    "how much is the wren camera",
                    "price of the cheapest indoor halvard cam?",
                    "what does the 1080p shelf camera cost",
                    "how much would a second wren set me back",
                ],
            ),
        ],
    ),
    dict(
        key="man-pro",
        title="Halvard Cam Pro user manual",
        type="manual",
        text="""
The Halvard Cam Pro is a pan-and-tilt indoor camera, known internally as 'Heron'. It records 2K video
(2560 x 1440) at 30 frames per second and can pan 355 degrees horizontally and tilt 90 degrees
vertically. Night vision reaches 10 metres using four 940 nm infrared LEDs that give no visible glow.
The Cam Pro costs 99 EUR and measures 78 x 78 x 118 mm. It supports dual-band Wi-Fi (2.4 GHz and
5 GHz) and can also be powered and connected with the optional Halvard PoE Adapter, which costs
24 EUR. MicroSD cards up to 512 GB are supported. Motion tracking: when enabled, the camera follows a
moving person for up to 60 seconds and then returns to its home position. You can store up to
8 preset positions in the app and set a patrol that visits them in sequence. Privacy mode rotates the
lens into the housing so it points at the base; you can schedule privacy mode by time or by geofence.
Setup uses the same QR flow as other Halvard cameras: hold the QR code 15 to 20 cm from the lens until
you hear a chime. To reset, press the pinhole button under the base for 12 seconds.
""",
        qs=[
            ("How many degrees can the Halvard Cam Pro pan horizontally?", "355 degrees"),
            ("How many preset positions can I save on a Halvard Cam Pro?", "8 preset positions"),
            ("What does the optional PoE Adapter for the Halvard Cam Pro cost?", "24 EUR"),
        ],
        emb=[
            (
                "follows a moving person",
                [
                    "heron follows people around then just stops and goes back, why",
                    "how long does the pan tilt cam track someone",
                    "heron stops tracking after like a minute",
                    "the 2k indoor swivel cam quits following my kid after a while",
                ],
            ),
            (
                "8 preset positions",
                [
                    "can heron patrol between a few spots",
                    "how many saved positions can the heron remember",
                    "want the swivel cam to cycle through my hallway and door views",
                    "heron patrol mode how many spots max",
                ],
            ),
            (
                "Privacy mode rotates the lens",
                [
                    "heron turns its face to the wall when i get home, is that a feature",
                    "can the pan cam hide its lens automatically when my phone is home",
                    "why does heron look down at its base sometimes",
                    "heron pointing at itself at random times??",
                ],
            ),
            (
                "PoE Adapter",
                [
                    "can i run heron off a network cable instead of the plug",
                    "does the 2k indoor cam do power over ethernet",
                    "wired ethernet option for heron?",
                    "heron poe thing how much",
                ],
            ),
        ],
    ),
    dict(
        key="man-outdoor",
        title="Halvard Cam Outdoor user manual",
        type="manual",
        text="""
The Halvard Cam Outdoor is a wire-free battery camera for gardens, driveways and balconies, known
internally as 'Osprey'. It has an IP66 weather rating and operates from -20 °C to 50 °C. Video is 2K
at 25 frames per second with a 130-degree field of view, and colour night vision is powered by a
300-lumen spotlight. Battery life: the removable 6,700 mAh battery of the Cam Outdoor lasts up to 5 months with default
settings (about 10 motion events per day) and recharges in about 6 hours with a 5 V 2 A USB-C adapter. The
camera costs 149 EUR. It can be paired with a Halvard Hub or connected directly to 2.4 GHz Wi-Fi;
through the Hub the range is up to 150 metres in open air. The passive infrared (PIR) motion sensor
detects people up to 9 metres away. A built-in 90 dB siren can be triggered from the app. Mount the
camera 2 to 3 metres above the ground and angle it slightly downward. The included magnetic wall
mount is fixed with 4 screws, and the camera snaps onto it so it can be removed for charging.
""",
        qs=[
            ("What is the IP rating of the Halvard Cam Outdoor?", "IP66"),
            (
                "How far away can the passive infrared motion sensor of the Halvard Cam Outdoor detect people?",
                "9 metres",
            ),
            ("How bright is the spotlight on the Halvard Cam Outdoor?", "300-lumen"),
        ],
        emb=[
            (
                "IP66 weather rating",
                [
                    "will osprey survive heavy rain",
                    "can the battery garden cam handle a freezing winter night",
                    "is osprey waterproof enough for an open balcony",
                    "osprey in minus 15, will it still work",
                ],
            ),
            (
                "150 metres in open air",
                [
                    "how far from the hub can osprey go",
                    "garden shed is far from the house, will the battery cam reach",
                    "max distance between osprey and the base station",
                    "osprey at the end of a long garden, range ok?",
                ],
            ),
            (
                "2 to 3 metres above the ground",
                [
                    "how high should i hang osprey",
                    "best height to put the driveway battery cam",
                    "what height on the wall for the outdoor cam",
                    "osprey mounting height recommendation",
                ],
            ),
            (
                "detects people up to 9 metres",
                [
                    "osprey misses people at the gate",
                    "how far does the outdoor cams motion sensor reach",
                    "garden cam doesnt notice people at the back fence",
                    "osprey only notices folks when they are close",
                ],
            ),
        ],
    ),
    dict(
        key="man-doorbell",
        title="Halvard Doorbell user manual",
        type="manual",
        text="""
The Halvard Doorbell is a video doorbell with a head-to-toe 3:4 view, known internally as 'Magpie'. It
records at 1536 x 2048 pixels with a 160-degree vertical field of view, so packages on the doormat
stay visible. The Doorbell costs 129 EUR and includes a 5,200 mAh rechargeable battery, a 15-degree
wedge mount and a mounting kit. It can run on battery or be wired to an existing doorbell transformer
delivering 8 to 24 V AC; when wired, the battery stays topped up and the Doorbell can ring an existing
mechanical chime. On battery, expect about 3 months between charges with 15 rings and 20 motion events
per day. Quick replies let the Doorbell play one of 6 pre-recorded messages when nobody answers within
20 seconds. The faceplate is held by a T6 security screw; a T6 screwdriver is in the box. The Doorbell
connects to 2.4 GHz Wi-Fi or to a Halvard Hub, and pairs with the Halvard Chime for an indoor ringer.
Operating temperature is -20 °C to 45 °C and the housing is rated IP65.
""",
        qs=[
            ("How long does the Halvard Doorbell battery last between charges?", "3 months"),
            ("How many pre-recorded quick reply messages does the Halvard Doorbell offer?", "6 pre-recorded messages"),
            ("What kind of screw holds the Halvard Doorbell faceplate?", "T6 security screw"),
        ],
        emb=[
            (
                "Quick replies",
                [
                    "can magpie say something when im not home to answer",
                    "the doorbell played a message by itself, how does that work",
                    "automatic answer for the door when nobody picks up",
                    "magpie canned messages for the delivery guy",
                ],
            ),
            (
                "T6 security screw",
                [
                    "how do i get magpie off the wall, theres a tiny screw",
                    "what tool opens the front of the video doorbell",
                    "lost the little star screwdriver for magpie",
                    "magpie cover wont come off",
                ],
            ),
            (
                "3 months between charges",
                [
                    "how often do i need to charge magpie",
                    "doorbell on battery, how long before recharge",
                    "magpie battery life normal use?",
                    "charging the doorbell every few months, is that expected",
                ],
            ),
            (
                "160-degree vertical field of view",
                [
                    "can magpie see parcels on the mat",
                    "does the doorbell camera show the whole person or just faces",
                    "will the video doorbell see packages left at my feet",
                    "magpie view angle top to bottom",
                ],
            ),
        ],
    ),
    dict(
        key="man-hub",
        title="Halvard Hub user manual",
        type="manual",
        text="""
The Halvard Hub is the home base station for Halvard cameras and doorbells, known internally as
'Puffin'. It extends range for battery devices, stores clips locally and keeps recording during
internet outages. One Hub connects up to 16 cameras, doorbells and chimes. Built-in storage is 32 GB
eMMC, and you can add a USB 3.0 drive of up to 2 TB, which the Hub formats as ext4. The Hub costs
79 EUR. Connect it to your router with the included 1 m Ethernet cable; Wi-Fi backhaul is also
possible but Ethernet is recommended. The built-in siren reaches 100 dB and can sound automatically
when a camera in Away mode detects a person. During a power cut, the Hub's 2,000 mAh backup battery keeps it
running for about 4 hours. Local clips are encrypted with AES-256 and can be viewed
in the app even without a Guard subscription. The LED ring shows white when everything is working,
yellow when the internet is down and red when storage is full. Dimensions: 110 x 110 x 32 mm.
""",
        qs=[
            ("How many decibels does the Halvard Hub base station siren reach?", "100 dB"),
            ("How much built-in storage does the Halvard Hub have?", "32 GB"),
        ],
        emb=[
            (
                "backup battery",
                [
                    "power went out, does puffin keep going",
                    "will the base station still record in a blackout",
                    "does the hub have a battery inside",
                    "puffin during a power cut, how long",
                ],
            ),
            (
                "siren reaches 100 dB",
                [
                    "can puffin make a loud noise if someone breaks in",
                    "does the base station have an alarm sound",
                    "puffin siren how loud",
                    "want the hub to scream when a person is seen while im away",
                ],
            ),
            (
                "Ethernet is recommended",
                [
                    "can puffin go on wifi or does it need a cable",
                    "do i have to plug the base station into the router",
                    "hub without ethernet possible?",
                    "puffin wireless connection to router ok?",
                ],
            ),
            (
                "USB 3.0 drive",
                [
                    "can i add my own hard drive to puffin",
                    "more local storage for the base station",
                    "plug external disk into the hub?",
                    "puffin usb stick for extra space",
                ],
            ),
        ],
    ),
    dict(
        key="man-chime",
        title="Halvard Chime user manual",
        type="manual",
        text="""
The Halvard Chime is a plug-in indoor ringer for the Halvard Doorbell, known internally as 'Robin'. It
plugs into any standard EU wall socket (230 V) and costs 35 EUR. The Chime offers 12 ringtones and
4 volume levels, the loudest being 85 dB. A do-not-disturb schedule can silence it at night while the
app still sends notifications. The Chime also acts as a Wi-Fi extender for a single Doorbell, adding up
to 20 metres of range. Up to 3 Chimes can be linked to one Doorbell. Each Chime has a night light with
3 brightness levels that can turn on when someone rings. To pair, press and hold the Chime's button
for 5 seconds until the light pulses blue, then select Add Chime in the Doorbell's settings. If the
Chime is unplugged, it keeps its settings and reconnects within about 30 seconds after power returns.
The Chime can also ring for motion events from any Halvard camera, with a separate tone for each
camera. Dimensions are 62 x 62 x 40 mm without the plug.
""",
        qs=[
            ("How many ringtones are available on the Halvard Chime?", "12 ringtones"),
            ("How many Halvard Chimes can I link to a single Doorbell?", "3 Chimes"),
            ("How much does the Halvard Chime plug-in ringer cost?", "35 EUR"),
        ],
        emb=[
            (
                "do-not-disturb schedule",
                [
                    "can robin be quiet at night",
                    "stop the plug-in ringer waking the baby",
                    "robin silent after 10pm but still get phone alerts?",
                    "mute the indoor ringer overnight",
                ],
            ),
            (
                "Wi-Fi extender",
                [
                    "doorbell signal weak, can robin boost it",
                    "does the plug in chime extend wifi",
                    "robin as a repeater for magpie?",
                    "will the indoor ringer help the doorbell connection",
                ],
            ),
            (
                "press and hold the Chime's button",
                [
                    "how do i pair robin",
                    "connecting the plug-in ringer to my doorbell",
                    "robin setup steps",
                    "new robin wont link to magpie",
                ],
            ),
            (
                "12 ringtones",
                [
                    "can i change the sound robin makes",
                    "robin is too quiet, how loud can it go",
                    "different ding dong sounds on the plug in ringer?",
                    "robin max volume and tone options",
                ],
            ),
        ],
    ),
    dict(
        key="man-solar",
        title="Halvard Solar Panel user manual",
        type="manual",
        text="""
The Halvard Solar Panel is an accessory that keeps the Halvard Cam Outdoor charged, known internally as
'Sparrow'. It delivers 2.5 W peak output and connects with a 4 metre weatherproof USB-C cable. The
panel costs 49 EUR. In central European conditions, about 2 hours of direct sunlight a day is enough
to keep the camera charged at default settings. The panel is rated IP65 and includes an adjustable
mount that tilts up to 90 degrees and rotates 360 degrees. Mount it facing south in the northern
hemisphere and avoid shade from trees or eaves. The panel does not work with the Halvard Doorbell,
because the Doorbell battery can only be charged after removing it. The app shows a sun icon next to
the battery level when the panel is charging the camera. The solar panel measures 180 x 130 x 15 mm.
Clean the glass surface with a damp cloth every few months to keep the output high.
""",
        qs=[],
        emb=[
            (
                "2 hours of direct sunlight",
                [
                    "how much sun does sparrow need",
                    "is a shady garden enough for the little solar thing",
                    "sparrow on a north wall, will it keep osprey charged",
                    "will the solar panel keep up in a cloudy country",
                ],
            ),
            (
                "sun icon",
                [
                    "how do i know sparrow is actually charging",
                    "what is the sun symbol next to the battery",
                    "little sun next to osprey battery in app?",
                    "is the solar panel working, how can i tell",
                ],
            ),
        ],
    ),
    dict(
        key="ts-mini",
        title="Halvard Cam Mini troubleshooting",
        type="manual",
        text="""
If your Cam Mini shows as offline, first check the status light. Solid red means the camera cannot
reach your router; move it closer or check that the network is 2.4 GHz, because the Cam Mini cannot
join 5 GHz networks. If pairing fails at the QR code step, increase screen brightness and hold the
phone 15 cm from the lens. Routers that combine 2.4 and 5 GHz under one network name can confuse
setup; temporarily disable 5 GHz or create a guest network. If video is choppy, the camera needs at
least 1 Mbps of upload bandwidth for the HD stream. MicroSD cards larger than 256 GB are not
recognised, and cards should be rated Class 10 or faster. If night vision looks washed out, the camera
may be behind a window: infrared reflects off glass, so place the lens against the glass or move it.
A camera that restarts repeatedly is usually underpowered; use the original 5 V 1 A adapter rather
than a laptop port. If nothing helps, factory reset the camera by holding the reset button for
10 seconds, remove it from the app, and set it up again. Error code E-21 in the app means the microSD
card is read-only or damaged.
""",
        qs=[
            (
                "What does the error code E-21 in the Halvard app mean for the Cam Mini's microSD card?",
                "read-only or damaged",
            ),
            ("How long must I hold the reset button to factory reset a Halvard Cam Mini?", "10 seconds", ["man-mini"]),
        ],
        emb=[
            (
                "infrared reflects off glass",
                [
                    "wren night view is all white looking out the window",
                    "pointing the wren through the window at night just shows glare",
                    "night picture is washed out when the little cam faces the glass",
                    "wren behind window glass at night useless",
                ],
            ),
            (
                "restarts repeatedly",
                [
                    "wren keeps rebooting over and over",
                    "my small indoor cam restarts every few minutes",
                    "wren powered from my laptop usb keeps restarting",
                    "wren boot loop",
                ],
            ),
            (
                "E-21",
                [
                    "app says E-21 on wren",
                    "error e21 what is it",
                    "wren wont write to my sd card, shows an error",
                    "E 21 code on the mini cam",
                ],
            ),
            (
                "combine 2.4 and 5 GHz under one network name",
                [
                    "wren wont pair with my mesh that has one wifi name",
                    "setup fails, my router merges both bands",
                    "wren qr scan ok then fails to join, single ssid router",
                    "pairing the little cam fails on a combined band router",
                ],
            ),
        ],
    ),
    dict(
        key="ts-pro",
        title="Halvard Cam Pro troubleshooting",
        type="manual",
        text="""
If the Halvard Cam Pro stops moving or pans with a grinding noise, check that nothing blocks the head
and run Calibrate Motor from the device settings; calibration takes about 40 seconds. If motion
tracking loses people quickly, increase tracking sensitivity and make sure the room is not backlit.
The Cam Pro prefers the 5 GHz band for live view; if live view buffers, check that the camera shows at
least -65 dBm signal strength in Device Info. When the camera will not pair after a firmware update,
hold the pinhole reset button for 12 seconds and pair it again; your presets are restored from the
cloud if you use the same account. A flashing purple status light means a firmware update is in
progress, which can take up to 8 minutes, so do not unplug the camera. Error code E-34 means the PoE
Adapter is supplying too little power; use a switch port rated for 802.3af. If privacy mode does not
engage on schedule, check the time zone set in the app. Presets drifting by a few degrees after a
power cut is normal; run Calibrate Motor to fix it.
""",
        qs=[
            ("How long does motor calibration take on the Halvard Cam Pro?", "40 seconds"),
            ("What does error code E-34 mean when the Cam Pro is powered by the PoE Adapter?", "too little power"),
        ],
        emb=[
            (
                "will not pair after a firmware update",
                [
                    "heron won't pair after the update",
                    "after updating heron it wont connect again",
                    "heron lost connection since last update and re adding fails",
                    "swivel cam refuses to pair since the new firmware",
                ],
            ),
            (
                "grinding noise",
                [
                    "heron makes a grinding sound when it turns",
                    "pan cam stuck and crunching",
                    "heron head not moving anymore",
                    "the swivel camera grinds when panning",
                ],
            ),
            (
                "flashing purple",
                [
                    "heron light is purple and blinking",
                    "purple flashing on the pan tilt camera, can i unplug",
                    "whats the purple light on heron",
                    "heron purple blink for ages",
                ],
            ),
            (
                "E-34",
                [
                    "heron on poe shows E-34",
                    "e34 error with the network cable power",
                    "heron keeps saying not enough power on my switch",
                    "heron E34",
                ],
            ),
            (
                "Presets drifting",
                [
                    "heron saved positions are a bit off after power cut",
                    "after the power went out my pan cam presets point slightly wrong",
                    "presets shifted a few degrees on heron",
                    "heron positions drifted",
                ],
            ),
        ],
    ),
    dict(
        key="ts-outdoor",
        title="Halvard Cam Outdoor troubleshooting",
        type="manual",
        text="""
If the Cam Outdoor battery drains much faster than expected, check the number of motion events in the
activity log; more than 50 events a day can cut battery life to under 4 weeks. Reduce the PIR
sensitivity, shrink activity zones, or shorten the clip length from 30 seconds to 15 seconds. Cold
weather also reduces capacity: below 0 °C the battery may last about 30 percent less. The camera will
not charge when the battery temperature is below 0 °C or above 45 °C, so bring it indoors to charge.
If the camera keeps going offline, check signal strength in the app: one bar means it is too far from
the Hub or router, and moving the Hub or adding a Chime as an extender helps. False alerts from
passing cars can be cut by angling the camera downward so the road is out of view. If the spotlight
does not turn on, check that colour night vision is enabled and that the battery is above 20 percent,
because the spotlight is disabled below that level to save power. Error code E-52 means the battery
compartment is not fully closed.
""",
        qs=[
            ("Above what temperature will the Cam Outdoor camera not charge its battery?", "45 °C"),
            ("How much shorter can Cam Outdoor battery life be below freezing?", "30 percent less"),
        ],
        emb=[
            (
                "drains much faster than expected",
                [
                    "osprey battery dies in a couple of weeks",
                    "garden cam eats batteries like crazy",
                    "why is my battery cam flat so fast",
                    "osprey empty after 3 weeks, it's supposed to last months",
                ],
            ),
            (
                "will not charge when the battery temperature",
                [
                    "osprey wont charge in the garage in winter",
                    "battery cam not taking charge when cold",
                    "charging osprey outside in the frost does nothing",
                    "osprey not charging when its freezing out",
                ],
            ),
            (
                "spotlight does not turn on",
                [
                    "osprey light doesnt come on at night",
                    "garden cam spotlight stopped working",
                    "no colour night video on osprey, light stays off",
                    "osprey floodlight thing not switching on",
                ],
            ),
            (
                "passing cars",
                [
                    "osprey pings me for every car on the street",
                    "too many alerts from traffic on the battery cam",
                    "driveway cam keeps triggering on the road",
                    "cars driving by set off osprey all day",
                ],
            ),
        ],
    ),
    dict(
        key="ts-doorbell",
        title="Halvard Doorbell troubleshooting",
        type="manual",
        text="""
If the Halvard Doorbell does not ring your existing mechanical chime, check that the transformer
delivers at least 8 V AC and that the chime type is set to Mechanical in the app. Digital chimes are
not supported and must be bypassed with the included jumper cable. If the Doorbell keeps rebooting
while wired, the transformer is probably too weak; a 16 V AC, 10 VA transformer is recommended. If
the button light spins white for more than 2 minutes, the Doorbell cannot reach Wi-Fi; move the router
closer or pair it with a Halvard Hub. Delayed notifications are usually caused by phone battery
saving; add the Halvard app to the list of apps allowed to run in the background. If visitors say the
Doorbell's speaker is too quiet, raise the speaker volume in Device Settings to level 8 or above.
Condensation inside the lens can appear after a sudden temperature change and usually clears within
24 hours. Error code E-61 means the battery is too cold to power the Doorbell; the wired connection
will warm it up over time.
""",
        qs=[
            ("My wired Halvard Doorbell keeps rebooting. Which transformer is recommended?", "16 V AC, 10 VA"),
            ("What does error code E-61 on the Halvard Doorbell mean?", "battery is too cold"),
            ("My Halvard Doorbell has condensation inside the lens. How long until it clears?", "24 hours"),
        ],
        emb=[
            (
                "does not ring your existing mechanical chime",
                [
                    "magpie doesnt ring my old ding dong",
                    "the bell in the hallway stays silent when someone presses the doorbell",
                    "my old wired chime stopped working with the new doorbell",
                    "magpie wired but old bell silent",
                ],
            ),
            (
                "spins white",
                [
                    "magpie button light just spinning white",
                    "white circle going round on the doorbell forever",
                    "doorbell ring light spinning and never connects",
                    "magpie spinning light",
                ],
            ),
            (
                "Delayed notifications",
                [
                    "i get the ring alert on my phone a minute late",
                    "magpie notifications arrive after the visitor has left",
                    "phone alerts from the doorbell are slow",
                    "doorbell ping comes way too late on android",
                ],
            ),
            (
                "Condensation",
                [
                    "magpie lens is foggy inside",
                    "moisture behind the doorbell glass",
                    "doorbell picture misty this morning",
                    "fog inside magpie camera",
                ],
            ),
        ],
    ),
    dict(
        key="ts-hub",
        title="Halvard Hub troubleshooting",
        type="manual",
        text="""
If the Halvard Hub LED ring shows yellow, the Hub has lost its internet connection; cameras keep
recording to local storage and clips upload when the connection returns. Restart your router and
check the Ethernet cable. A red LED ring means the storage is full: clear old clips in the app or
connect a USB drive. The Hub only accepts USB drives up to 2 TB; larger drives are ignored. If a
camera cannot find the Hub, bring the camera within 3 metres of the Hub during pairing and then move
it to its final location. A Hub that becomes unresponsive can be restarted by holding the top button
for 5 seconds; holding it for 20 seconds performs a factory reset, which erases all local clips. If
the siren sounds unexpectedly, check which camera triggered it in the activity log and review your
Away mode rules. Error code E-70 means the USB drive is formatted with an unsupported file system;
let the Hub reformat it as ext4. The Hub downloads firmware updates at night between 02:00 and 04:00
local time.
""",
        qs=[
            ("What does error E-70 on the Halvard Hub indicate?", "unsupported file system"),
            ("What does a red LED ring on the Halvard Hub mean?", "storage is full", ["man-hub"]),
        ],
        emb=[
            (
                "LED ring shows yellow",
                [
                    "puffin ring is yellow",
                    "base station light turned yellow, whats wrong",
                    "yellow light on the hub and no clips in the cloud",
                    "puffin yellow glow",
                ],
            ),
            (
                "larger drives are ignored",
                [
                    "puffin doesnt see my 4tb disk",
                    "hub ignores my big external drive",
                    "plugged in a large usb drive and nothing happens",
                    "puffin not detecting my 5 tb hdd",
                ],
            ),
            (
                "within 3 metres",
                [
                    "osprey cant find puffin during setup",
                    "new camera wont discover the base station",
                    "hub not found when adding a cam",
                    "pairing a cam with puffin fails, it says no hub",
                ],
            ),
            (
                "siren sounds unexpectedly",
                [
                    "puffin alarm went off at 3am for no reason",
                    "base station siren randomly blaring",
                    "why did the hub start howling",
                    "puffin went off randomly",
                ],
            ),
        ],
    ),
    dict(
        key="guide-outdoor-battery",
        title="Halvard Cam Outdoor battery and charging guide",
        type="manual",
        text="""
The Cam Outdoor uses a removable 6,700 mAh lithium-ion battery pack. To remove it, press the release
latch on the underside and slide the battery out; the camera can stay on its mount. Charge the battery
with the supplied USB-C cable and a 5 V 2 A adapter; a full charge from empty takes about 6 hours, and
the battery LED turns solid green when it is full. Charging with a 5 V 1 A adapter works but takes
about 11 hours. The app sends a low-battery notification at 15 percent and again at 5 percent. Keeping
a second battery charged lets you swap in seconds; the spare battery costs 29 EUR from the Halvard
store. Lithium-ion batteries age: after about 500 full charge cycles the battery keeps roughly
80 percent of its original capacity. Store spare batteries at around 50 percent charge in a cool, dry
place. Do not charge a battery that is swollen or damaged; contact support for a free replacement if
the battery is under warranty. Dispose of old batteries at a battery collection point.
""",
        qs=[
            ("How long does charging the Halvard Cam Outdoor battery take with a 5 V 1 A adapter?", "11 hours"),
            ("How much does a spare battery for the Halvard Cam Outdoor cost?", "29 EUR"),
        ],
        emb=[
            (
                "press the release latch",
                [
                    "how do i get the battery out of osprey",
                    "take the pack out of the garden cam without unscrewing it",
                    "osprey battery removal",
                    "pull the battery from osprey while its on the wall?",
                ],
            ),
            (
                "spare battery costs",
                [
                    "can i buy a second battery for osprey",
                    "extra pack for the garden cam price",
                    "spare osprey battery",
                    "want a backup battery to swap in the outdoor cam",
                ],
            ),
            (
                "500 full charge cycles",
                [
                    "osprey battery holds less charge after two years, normal?",
                    "does the garden cam battery wear out",
                    "battery capacity going down over time on osprey",
                    "outdoor cam pack degrading",
                ],
            ),
            (
                "takes about 11 hours",
                [
                    "charging osprey with my old phone charger takes forever",
                    "why is the battery cam charging so slowly overnight",
                    "osprey charge time with a weak plug",
                    "garden cam battery still not full after 8 hours",
                ],
            ),
        ],
    ),
    dict(
        key="guide-doorbell-wiring",
        title="Halvard Doorbell wired installation guide",
        type="manual",
        text="""
Wiring the Halvard Doorbell to your existing doorbell circuit keeps the battery charged and lets it
ring a mechanical chime. Before you start, switch off the doorbell circuit at the fuse box. Check the
transformer label: the Doorbell needs 8 to 24 V AC and at least 10 VA; DC transformers and intercom
systems are not supported. Remove your old doorbell button and connect the two existing wires to the
terminals on the back of the mounting plate; polarity does not matter. If the wires are too short, use
the included 10 cm extension wires and wire nuts. Attach the mounting plate with the included
4 screws, using the 15-degree wedge if the door is in a corner. At the chime box, connect the included
jumper cable across the Front and Trans terminals only if the app asks you to bypass the chime. Switch
the power back on, clip the Doorbell onto the plate and secure it with the T6 screw. The app shows
'Wired power' under Device Info once the installation is correct. Professional installation is
available in the Netherlands, Belgium and Germany for 69 EUR.
""",
        qs=[
            ("What does the Halvard Doorbell need from the transformer label, in VA, for wired installation?", "10 VA"),
            ("How long are the extension wires included with the Halvard Doorbell?", "10 cm"),
        ],
        emb=[
            (
                "polarity does not matter",
                [
                    "which wire goes where on magpie",
                    "does it matter which doorbell wire goes to which screw",
                    "two wires from my old bell, order?",
                    "magpie terminals, red and white wire which side",
                ],
            ),
            (
                "intercom systems are not supported",
                [
                    "can magpie replace my apartment intercom",
                    "i have a dc transformer, will the doorbell work",
                    "building intercom compatible with the video doorbell?",
                    "magpie on a flat buzzer system",
                ],
            ),
            (
                "Professional installation",
                [
                    "can someone come install magpie for me",
                    "do you have an installer for the doorbell",
                    "how much to get the doorbell fitted by a pro",
                    "need an electrician from halvard to wire magpie",
                ],
            ),
            (
                "Wired power",
                [
                    "how do i know magpie is actually running off the wires",
                    "check if doorbell is wired correctly",
                    "is my doorbell getting power from the transformer",
                    "magpie wired or battery, how to tell",
                ],
            ),
        ],
    ),
    dict(
        key="pol-warranty",
        title="Halvard limited warranty",
        type="policy",
        text="""
Halvard Home B.V. warrants all Halvard cameras, doorbells, hubs and chimes against defects in
materials and workmanship for 2 years from the date of delivery. Rechargeable batteries are covered
for 12 months if their capacity falls below 80 percent of the original within that period.
Accessories such as mounts, cables and the PoE Adapter are covered for 1 year. The warranty does not
cover damage from drops, water entry beyond the product's IP rating, unauthorised repairs or normal
cosmetic wear. To make a claim, open a support request with your order number and a short video of
the fault; our team answers warranty claims within 2 business days. If the claim is approved we ship
a replacement within 5 business days, and you return the faulty unit with a prepaid label within
30 days. Halvard Care extends coverage to 3 years in total and adds accidental damage protection for
one incident per year; it costs 34 EUR per device and must be bought within 60 days of purchase.
Warranty rights are in addition to your statutory rights as a consumer in the EU.
""",
        qs=[
            ("How long is the standard Halvard warranty on cameras and doorbells?", "2 years"),
            ("How long is the warranty on Halvard accessories such as mounts and cables?", "1 year"),
            ("Within how many days of purchase must Halvard Care be bought?", "60 days"),
        ],
        emb=[
            (
                "does not cover damage from drops",
                [
                    "dropped my wren off the shelf, is that covered",
                    "knocked the cam off the table and it cracked, free fix?",
                    "does warranty cover me breaking it by accident",
                    "cam fell and broke, warranty?",
                ],
            ),
            (
                "within 2 business days",
                [
                    "how long till you answer my warranty claim",
                    "sent a video of my broken heron, when will someone reply",
                    "warranty request waiting time",
                    "how fast do you look at a faulty device claim",
                ],
            ),
            (
                "Halvard Care extends coverage",
                [
                    "can i get a longer warranty",
                    "is there accident insurance for my cameras",
                    "extra protection plan for the doorbell?",
                    "extend warranty to 3 years?",
                ],
            ),
            (
                "Rechargeable batteries are covered",
                [
                    "osprey battery only holds half after a year, is that under warranty",
                    "battery wore out fast, will you replace it",
                    "magpie battery capacity bad, covered?",
                    "is the battery included in the warranty",
                ],
            ),
        ],
    ),
    dict(
        key="pol-returns",
        title="Halvard returns and refunds policy",
        type="policy",
        text="""
You can return any product bought from the Halvard online store within 30 days of delivery for a full
refund, even if the box has been opened. Products must be returned with all accessories; missing parts
are charged at list price. Return shipping is free within the EU: request a return in your account
under Orders, print the prepaid label and drop the parcel at any partner drop-off point. Refunds are
issued to the original payment method within 14 days after the returned product reaches our warehouse.
Products bought from retailers such as electronics chains must be returned to the retailer under its
own policy. Gift recipients can return a product for store credit instead of a refund, using the gift
receipt number. Subscriptions are handled separately under the Halvard Guard cancellation policy.
Opened microSD cards and products engraved or customised on request cannot be returned unless faulty.
If your return arrives damaged because of poor packaging, we may deduct up to 20 percent of the price
from your refund.
""",
        qs=[
            (
                "If I received a Halvard product as a gift, what do I get when I return it with the gift receipt?",
                "store credit",
            ),
        ],
        emb=[
            (
                "even if the box has been opened",
                [
                    "can i still send back the thing i bought 3 weeks ago",
                    "opened the box and dont like it, can i return",
                    "changed my mind about the doorbell, already unboxed it",
                    "return a cam i already set up?",
                ],
            ),
            (
                "Return shipping is free",
                [
                    "do i have to pay postage to send it back",
                    "how do i get a return label",
                    "cost of shipping a return to you",
                    "who pays to mail back the camera",
                ],
            ),
            (
                "bought from retailers",
                [
                    "got my heron at mediamarkt, can i return it to you",
                    "bought the cam in a shop, return to halvard?",
                    "returning something from an electronics store",
                    "purchased in store not online, where do i return",
                ],
            ),
            (
                "Opened microSD cards",
                [
                    "can i return the sd card i opened",
                    "memory card unused but unsealed, returnable?",
                    "engraved doorbell return?",
                    "return an opened micro sd",
                ],
            ),
        ],
    ),
    dict(
        key="pol-shipping-eu",
        title="Halvard shipping policy (European Union)",
        type="policy",
        text="""
Halvard ships from its warehouse in Tilburg, the Netherlands, to all 27 EU member states. Standard
delivery takes 3 to 5 business days and is free for orders over 50 EUR; below that, standard shipping
costs 4.95 EUR. Express delivery takes 1 to 2 business days and costs 12.95 EUR. Orders placed before
15:00 CET on a business day leave the warehouse the same day. Every order gets a tracking link by email
as soon as it ships. Parcels are delivered by our partner carriers and need a signature for orders
above 300 EUR. If you are not home, the carrier makes two delivery attempts and then leaves the parcel
at a nearby pickup point for 7 days. You can change the delivery address only until the order status
is Packed. Parcels that are not collected return to us and the order is refunded minus the original
shipping cost. If a parcel shows as delivered but has not arrived, contact support within 14 days so
we can open a carrier investigation.
""",
        qs=[
            ("By what time must I order from Halvard for same-day dispatch?", "15:00 CET"),
            ("How long does a Halvard parcel wait at the pickup point after failed delivery?", "7 days"),
            ("Above what order value does a Halvard delivery need a signature?", "300 EUR"),
            ("How long does standard Halvard delivery within the EU take?", "3 to 5 business days"),
        ],
        emb=[
            (
                "change the delivery address",
                [
                    "i moved, can i still change where my order goes",
                    "typo in my address on the order",
                    "redirect my parcel to work",
                    "update shipping address after ordering",
                ],
            ),
            (
                "two delivery attempts",
                [
                    "i wasnt home when the courier came",
                    "missed the delivery, what now",
                    "parcel guy came twice, im at work",
                    "not in when they delivered the cam",
                ],
            ),
            (
                "shows as delivered but has not arrived",
                [
                    "tracking says delivered but nothing here",
                    "package marked delivered, no box anywhere",
                    "parcel says handed over but i never got it",
                    "delivered status but missing order",
                ],
            ),
            (
                "leave the warehouse the same day",
                [
                    "if i order tonight when does it ship",
                    "does my order go out today",
                    "same day dispatch?",
                    "order at lunch, ships today?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-shipping-intl",
        title="Halvard international shipping (UK, Switzerland, Norway)",
        type="policy",
        text="""
Outside the European Union, Halvard ships to the United Kingdom, Switzerland and Norway. International
delivery takes 5 to 8 business days and costs a flat 19.95 EUR per order, whatever the order value.
Express is not available for these destinations. Prices in the Halvard store include EU VAT; for
international orders VAT is removed at checkout and the carrier collects local import VAT and duties
on delivery. For UK orders up to 135 GBP, VAT is collected by Halvard at checkout instead, so nothing
is due on delivery. Returns from these countries are accepted within the normal return window, but the
customer pays return shipping. Products sold internationally come with the EU power adapter plus a
local plug adapter for the UK or Switzerland. We do not ship to PO boxes, military addresses or freight
forwarders. Orders to Norway above 3,000 NOK may be held by customs for up to 3 business days.
""",
        qs=[
            ("What does Halvard charge to ship an order to Switzerland?", "19.95 EUR"),
            (
                "How many business days does international delivery to the UK, Switzerland or Norway take?",
                "5 to 8 business days",
            ),
            ("Up to what UK order value does Halvard collect VAT at checkout?", "135 GBP"),
        ],
        emb=[
            (
                "import VAT and duties",
                [
                    "ordering to zurich, will i pay customs",
                    "do i get hit with import tax in norway",
                    "extra fees when the parcel arrives outside the eu?",
                    "duties on a cam sent to oslo",
                ],
            ),
            (
                "local plug adapter",
                [
                    "will the cam plug work in my uk socket",
                    "uk three pin plug included?",
                    "swiss socket, does the charger fit",
                    "british plug for the wren?",
                ],
            ),
            (
                "PO boxes",
                [
                    "can you send to my po box",
                    "ship to a parcel forwarder address?",
                    "i use a forwarding service, ok?",
                    "deliver to postbox in london",
                ],
            ),
            (
                "Express is not available",
                [
                    "fast shipping to london possible?",
                    "need it in switzerland in 2 days",
                    "express delivery to norway",
                    "quicker option for uk orders?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-privacy",
        title="Halvard privacy policy summary",
        type="policy",
        text="""
Halvard Home B.V. is the data controller for personal data processed through the Halvard app and cloud
service. Video clips uploaded to the cloud are stored in data centres in Frankfurt, Germany, and are
encrypted in transit with TLS 1.3 and at rest with AES-256. Halvard staff cannot view your clips unless
you explicitly grant temporary access for a support case; such access expires after 72 hours. Face
recognition (Familiar Faces) is off by default; if you turn it on, face templates are kept only on your
account and deleted after 180 days in which a face is not seen. We do not sell personal data and we do
not use your video to train models. You can download a copy of your data from Account > Privacy >
Export; the export is ready within 48 hours. Our data protection officer can be reached at
privacy@halvard.example. You have the right to lodge a complaint with the Dutch Data Protection
Authority (Autoriteit Persoonsgegevens).
""",
        qs=[
            ("In which city are Halvard cloud video clips stored?", "Frankfurt"),
            ("How long does it take for a Halvard personal data export to be ready?", "48 hours"),
        ],
        emb=[
            (
                "cannot view your clips",
                [
                    "can your staff watch my camera videos",
                    "does anyone at halvard look at my footage",
                    "is support able to see my bedroom cam",
                    "employees watching my clips?",
                ],
            ),
            (
                "do not use your video to train",
                [
                    "do you sell my data or train ai on my videos",
                    "is my footage used for machine learning",
                    "are my clips sold to advertisers",
                    "ai training on my camera recordings?",
                ],
            ),
            (
                "Familiar Faces",
                [
                    "face recognition, is it on by default",
                    "how long do you keep face data",
                    "does the app remember faces of my family",
                    "face thing privacy, turned off?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-retention",
        title="Halvard data retention policy",
        type="policy",
        text="""
This policy explains how long Halvard keeps different kinds of data. Cloud video clips are kept for
the history period of your Halvard Guard plan and then deleted automatically; without a plan, motion
snapshots are kept for 7 days. Clips you save to Favourites are kept until you delete them, up to a
maximum of 500 favourite clips per account. Device diagnostic logs are kept for 90 days. Support chat
transcripts are kept for 2 years to handle follow-up questions and warranty claims. When you delete
your account, all clips, snapshots and face templates are permanently erased within 30 days, and
backups are overwritten within a further 35 days. Billing records must be kept for 7 years under Dutch
tax law, even after account deletion. Local clips on a Hub or microSD card never leave your home and
are not covered by this policy; they are overwritten when storage is full, oldest first. If your Guard
subscription ends, your cloud history stays available for 14 days so you can download clips first.
""",
        qs=[
            ("How long does Halvard keep device diagnostic logs?", "90 days"),
            ("How many favourite clips can one Halvard account keep?", "500 favourite clips"),
            ("How long does Halvard retain billing records after I delete my account?", "7 years"),
            ("How long are motion snapshots kept if I have no Halvard Guard plan?", "7 days"),
        ],
        emb=[
            (
                "save to Favourites",
                [
                    "how do i keep a clip forever",
                    "stop a recording from being auto deleted",
                    "keep the video of the break in permanently",
                    "save clip so it never expires",
                ],
            ),
            (
                "delete your account",
                [
                    "if i close my account how fast is everything gone",
                    "when is my footage wiped after deleting my profile",
                    "deleted my account, is my data still somewhere",
                    "account removal, how long till clips are erased",
                ],
            ),
            (
                "Support chat transcripts",
                [
                    "do you keep my chats with support",
                    "how long do you store my support conversations",
                    "are support messages saved",
                    "chat history with your agents stored?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-billing",
        title="Halvard Guard billing and payments",
        type="policy",
        text="""
Subscriptions are billed monthly or yearly in advance, starting on the day your free
trial ends. We accept Visa, Mastercard, American Express, iDEAL, Bancontact, SEPA direct debit and
PayPal. Guard invoices are emailed on each billing date and are also available in the app under Account >
Billing for the last 24 months. If a Guard payment fails, we retry it after 3 days and again after 7 days;
during this 7-day grace period your features keep working. After the grace period the subscription is
paused, cloud recording stops and existing clips are kept for 14 days. You can switch from monthly to
yearly billing at any time; the remaining value of your current month is credited. Prices include VAT
at the rate of your billing country. Business customers can add a VAT number to get invoices with
reverse-charge VAT. Currency is always euro, even for customers in the UK, Switzerland and Norway.
""",
        qs=[
            ("For how many months can I download Halvard Guard invoices in the app?", "24 months"),
        ],
        emb=[
            (
                "If a Guard payment fails",
                [
                    "my card got declined for guard, do i lose recording right away",
                    "payment bounced, what happens to my subscription",
                    "card expired and the renewal failed",
                    "subscription payment failed, still recording?",
                ],
            ),
            (
                "switch from monthly to yearly",
                [
                    "can i go annual instead of monthly",
                    "change plan to pay once a year",
                    "move my subscription to yearly billing",
                    "monthly to annual switch",
                ],
            ),
            (
                "Guard invoices are emailed",
                [
                    "where can i find my invoices",
                    "need last years receipts for guard",
                    "download bills for my subscription",
                    "invoice for guard plus from march",
                ],
            ),
            (
                "Currency is always euro",
                [
                    "can i pay in pounds",
                    "is guard billed in francs in switzerland",
                    "sterling pricing for the subscription?",
                    "charged in euro from the uk?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-cancel",
        title="Halvard Guard cancellation and refund policy",
        type="policy",
        text="""
You can cancel Halvard Guard at any time in the app under Account > Subscription > Cancel, or on the
website. Monthly plans stop at the end of the current billing month and are not refunded for partial
months. Yearly plans cancelled within 30 days of a renewal are refunded in full; after that, the
remaining full months are refunded pro rata minus a 10 EUR administration fee. If you cancel during
the free trial you are never charged. After cancellation your cloud clips stay available for 14 days.
You can rejoin later, but a new free trial is only offered once per account. If Halvard raises a
subscription price, we tell you at least 30 days in advance and you may cancel free of charge before
the new price applies. Refunds go to the original payment method and arrive within 5 to 10 business
days depending on your bank. Subscriptions bought through the Apple App Store or Google Play must be
cancelled and refunded through that store.
""",
        qs=[
            ("What administration fee applies to a pro rata refund of a yearly Halvard Guard plan?", "10 EUR"),
        ],
        emb=[
            (
                "not refunded for partial months",
                [
                    "cancelled guard halfway through the month, do i get money back",
                    "partial refund for monthly plan?",
                    "stopped my sub on the 10th, refund for the rest?",
                    "monthly guard cancel refund",
                ],
            ),
            (
                "Yearly plans cancelled within 30 days",
                [
                    "forgot to cancel the annual renewal, can i get it refunded",
                    "my yearly plan renewed last week and i dont want it",
                    "refund for a yearly subscription i just got charged for",
                    "annual guard auto renewed, refund?",
                ],
            ),
            (
                "Apple App Store or Google Play",
                [
                    "i subscribed through my iphone, how do i cancel",
                    "bought guard in google play, refund from you?",
                    "cancel subscription i paid through the app store",
                    "guard via apple billing cancel",
                ],
            ),
            (
                "free trial is only offered once",
                [
                    "can i get another free trial",
                    "rejoined guard, why no trial this time",
                    "second trial on same account?",
                    "trial again after cancelling",
                ],
            ),
        ],
    ),
    dict(
        key="pol-tradein",
        title="Halvard trade-in programme",
        type="policy",
        text="""
The trade-in programme lets you swap an older camera for credit towards a new Halvard product. Eligible
devices are any Halvard camera or doorbell, and cameras from other brands that still power on. Halvard
devices earn up to 40 EUR of credit and other brands earn a flat 15 EUR. Start a trade-in on the product
page of the new device, answer three questions about the condition of your old device, and the credit
is applied to your order immediately. You then have 21 days after your new order arrives to send in the
old device using the prepaid label. If the old device does not arrive within 21 days, or does not match
the declared condition, the credit is charged to your payment method. Only one trade-in is allowed per
new device, and a maximum of 5 trade-ins per customer per calendar year. Devices we receive are
refurbished or recycled by our partner in Eindhoven. The programme is available in the Netherlands,
Belgium, Germany, France and Austria.
""",
        qs=[
            ("How much trade-in credit does Halvard give for a camera from another brand?", "15 EUR"),
            ("How long do I have to send in my old device after a Halvard trade-in order arrives?", "21 days"),
        ],
        emb=[
            (
                "cameras from other brands",
                [
                    "can i swap my old non halvard camera for a discount",
                    "i have an ancient cam from another company, any credit for it",
                    "trade in a different brand doorbell?",
                    "old competitor camera for money off heron",
                ],
            ),
            (
                "the credit is charged to your payment method",
                [
                    "forgot to send my old cam back after the trade in",
                    "what if i miss the deadline to mail my old device",
                    "trade in device arrived in worse shape than i said",
                    "old camera never sent back, what happens",
                ],
            ),
            (
                "available in the Netherlands",
                [
                    "is trade in available in spain",
                    "which countries can do the swap programme",
                    "trade in from italy possible?",
                    "can i trade in from austria",
                ],
            ),
        ],
    ),
    dict(
        key="pol-repair",
        title="Halvard out-of-warranty repair service",
        type="policy",
        text="""
When a Halvard product is out of warranty or the damage is not covered, you can use the repair service
instead of buying a new device. Repairs cost a flat fee of 39 EUR for cameras, doorbells and hubs,
including return shipping, plus parts where needed: a replacement lens module costs 19 EUR and a new
Cam Outdoor housing costs 25 EUR. Book a repair in the app under Support > Repair; you receive a
prepaid shipping label and a repair number. The usual turnaround is 10 business days from the moment
the device arrives at the repair centre. If the repair turns out to cost more than the quote, we
contact you first and you can decline; declined repairs are sent back for a 9 EUR handling charge.
Repaired devices get a 6-month warranty on the repaired part. Data on repaired devices, including
microSD card contents, may be erased, so back up your clips first. Liquid-damaged devices and devices
opened by third parties cannot be repaired.
""",
        qs=[
            ("What does a replacement lens module cost in a Halvard repair?", "19 EUR"),
            ("After a repair, how long is the repaired part under warranty?", "6-month"),
        ],
        emb=[
            (
                "Liquid-damaged devices",
                [
                    "my wren fell in the sink, can you fix it",
                    "water got into the cam, repairable?",
                    "a friend opened my heron to fix it, can you still repair",
                    "coffee spilled on the hub",
                ],
            ),
            (
                "declined repairs",
                [
                    "what if the repair quote is too high",
                    "i dont want to pay for the repair after all",
                    "repair more expensive than expected, can i say no",
                    "cancel repair after quote",
                ],
            ),
            (
                "back up your clips first",
                [
                    "will my sd card recordings survive the repair",
                    "do i lose my footage if i send the cam in",
                    "are clips wiped when repaired",
                    "repair erase data?",
                ],
            ),
        ],
    ),
    dict(
        key="pol-support",
        title="Contacting Halvard customer support",
        type="policy",
        text="""
Halvard customer support is available in English, Dutch, German and French. Phone support on
+31 10 555 0142 is open Monday to Friday from 08:00 to 20:00 CET and Saturday from 10:00 to 16:00 CET;
it is closed on Sundays and Dutch public holidays. Live chat in the app is staffed around the clock for
Guard Plus subscribers and during phone hours for everyone else. Email requests sent to
support@halvard.example receive a first answer within 24 hours on business days. Guard Plus
subscribers get a priority queue with a target first response of 2 hours. For warranty claims, have
your order number and the device serial number ready; the serial number starts with HV and is printed
under the device and in the app under Device Info. Community forum questions are answered by volunteers
and staff, usually within a day. For security vulnerabilities, write to security@halvard.example; we
acknowledge reports within 3 business days. Complaints that support cannot solve can be escalated to
the customer relations team, which replies within 10 business days.
""",
        qs=[
            ("What phone number do I call for Halvard customer support?", "+31 10 555 0142"),
            (
                "How quickly does Halvard customer support respond to Guard Plus subscribers in the priority queue?",
                "2 hours",
            ),
            ("What are Halvard's phone support hours on Saturdays?", "10:00 to 16:00 CET"),
            ("How do Halvard device serial numbers start?", "HV"),
        ],
        emb=[
            (
                "serial number starts with HV",
                [
                    "where do i find the serial on my cam",
                    "support wants the serial number, where is it",
                    "serial for heron, cant find it",
                    "which number is the serial on the doorbell",
                ],
            ),
            (
                "security vulnerabilities",
                [
                    "i found a security bug in your app, who do i tell",
                    "where do i report a vulnerability",
                    "responsible disclosure contact?",
                    "found a hole in the cam firmware",
                ],
            ),
            (
                "available in English, Dutch, German and French",
                [
                    "can i get help in german",
                    "do you have french speaking support",
                    "support in spanish?",
                    "which languages does support speak",
                ],
            ),
            (
                "customer relations team",
                [
                    "support couldnt fix it and i want to complain",
                    "how do i escalate my complaint",
                    "unhappy with support answer, next step?",
                    "i want to talk to someone above support",
                ],
            ),
        ],
    ),
    dict(
        key="pol-monitoring",
        title="Halvard Guard Plus professional monitoring terms",
        type="policy",
        text="""
Guard Plus subscribers in the Netherlands, Belgium and Germany can enable professional monitoring, run
by our partner alarm centre SecuraWatch. When the system is armed and a camera detects a person, the
alarm centre receives the clip and an operator reviews it within 60 seconds. If the operator sees a
likely intrusion, they call the first contact on your emergency list; if nobody answers within 2 calls,
they can dispatch the police. Up to 5 emergency contacts can be listed. Monitoring only works while the
system is armed in Away mode and the cameras are online. False alarm fees charged by local authorities
are your responsibility. Operators see only the triggering clip and live view for up to 10 minutes
after an alarm. Professional monitoring is included in Guard Plus at no extra cost but requires a
one-time address verification, which takes up to 3 business days. You can test the service once a month
by enabling Test mode, which alerts the operator without dispatch.
""",
        qs=[
            (
                "Which alarm centre reviews clips for Halvard professional monitoring when the system is armed?",
                "SecuraWatch",
            ),
            ("For professional monitoring, how many emergency contacts can I add to my list?", "5 emergency contacts"),
            ("How quickly does an operator review a clip under Halvard professional monitoring?", "60 seconds"),
        ],
        emb=[
            (
                "dispatch the police",
                [
                    "will someone call the cops if my cam sees a burglar",
                    "does the alarm service send police",
                    "intruder on camera, who gets called",
                    "monitoring people phone the police?",
                ],
            ),
            (
                "False alarm fees",
                [
                    "who pays if the police come for nothing",
                    "false alarm costs on monitoring",
                    "fined for false alarm, is that on me",
                    "police fee for a false trigger",
                ],
            ),
            (
                "Test mode",
                [
                    "how can i test the monitoring without police coming",
                    "try out the alarm centre safely",
                    "test the pro monitoring",
                    "check monitoring works without dispatch",
                ],
            ),
        ],
    ),
    dict(
        key="pol-giftcards",
        title="Halvard gift cards and promotional codes",
        type="policy",
        text="""
Halvard gift cards are sold in values of 25, 50 and 100 EUR and can be used in the Halvard online store
for hardware and for Guard subscriptions. Gift cards are valid for 3 years from the date of purchase
and can be combined on one order, up to a maximum of 5 cards per order. Gift cards cannot be exchanged
for cash or used to buy other gift cards. Promotional codes are single-use unless stated otherwise, and
only one promotional code can be used per order; codes cannot be combined with trade-in credit. If you
return a product bought partly with a gift card, that part of the refund goes back to a new gift card.
Lost gift cards can be replaced if you have the purchase receipt. Digital gift cards are delivered by
email within 15 minutes and can be scheduled for delivery up to 90 days in advance. Check the balance
of a gift card on the Halvard website under Gift Cards > Check Balance.
""",
        qs=[
            ("In which values are Halvard gift cards sold?", "25, 50 and 100 EUR"),
            ("How many gift cards can I combine on one Halvard order?", "5 cards"),
            ("How quickly are digital Halvard gift cards delivered by email?", "15 minutes"),
        ],
        emb=[
            (
                "only one promotional code",
                [
                    "can i use two discount codes at once",
                    "promo code plus trade in credit together?",
                    "second voucher code wont apply",
                    "stack coupon codes?",
                ],
            ),
            (
                "Lost gift cards",
                [
                    "lost my gift card, can you replace it",
                    "threw away the voucher by accident",
                    "gift card gone missing",
                    "misplaced the giftcard i got for my birthday",
                ],
            ),
            (
                "scheduled for delivery",
                [
                    "can i send a digital gift card on her birthday",
                    "schedule an e gift card for christmas",
                    "delay sending the voucher email",
                    "gift card email on a specific date?",
                ],
            ),
            (
                "cannot be exchanged for cash",
                [
                    "can i get cash for my gift card",
                    "turn voucher into money",
                    "refund a gift card balance in cash?",
                    "cash out gift card",
                ],
            ),
        ],
    ),
    dict(
        key="pol-business",
        title="Halvard for Business accounts",
        type="policy",
        text="""
Halvard for Business is designed for small shops, offices and rental properties. A business account can
manage up to 50 locations and 200 devices in one dashboard. The Business plan costs 24 EUR per location
per month and includes 120 days of cloud history, user roles and an audit log. Users can be assigned one
of three roles: Owner, Manager or Viewer; Viewers can watch live video and clips but cannot change
settings. The audit log records every login, settings change and clip download for 1 year. Business
customers receive invoices with their VAT number and can pay by bank transfer with 30-day payment terms.
A dedicated account manager is assigned to customers with more than 25 locations. Volume discounts
start at 10 percent for orders of 20 or more devices. Business accounts can export clips in bulk as a
ZIP file of up to 10 GB. The Business plan cannot be combined with personal Guard subscriptions on the
same account.
""",
        qs=[
            ("How many locations can a Halvard for Business account manage?", "50 locations"),
            ("How many days of cloud history does the Halvard Business plan include?", "120 days"),
            ("What does the Halvard Business plan cost per location per month?", "24 EUR"),
        ],
        emb=[
            (
                "audit log records",
                [
                    "can i see which staff member downloaded a clip at my shop",
                    "track who changed settings on the store cams",
                    "log of employee logins for the business cameras",
                    "who looked at the footage in my office account",
                ],
            ),
            (
                "Volume discounts",
                [
                    "discount if i buy 30 cameras for my offices",
                    "bulk order price for a chain of shops",
                    "any reduction for buying lots of cams",
                    "wholesale pricing for 25 units",
                ],
            ),
            (
                "Viewers can watch live video",
                [
                    "my shop staff should see cameras but not change anything",
                    "read only access for employees",
                    "give the cashier view only",
                    "limit what my employees can do in the app",
                ],
            ),
        ],
    ),
    dict(
        key="faq-guard",
        title="Halvard Guard subscription FAQ",
        type="faq",
        text="""
Halvard Guard is the optional subscription that adds cloud video history and smart alerts to Halvard
cameras and doorbells. Which Guard plans are there? Guard Basic costs 3.99 EUR per month and covers one
camera with 30 days of cloud video history. Guard Plus costs 9.99 EUR per month, covers all cameras at
one address and keeps 60 days of cloud video history; it also adds package detection, professional
monitoring and 24/7 chat support. With yearly billing, Guard Basic costs 39 EUR per year and Guard Plus
costs 99 EUR per year. Is there a free trial? Every new Halvard account gets a 30-day free trial of
Guard Plus, and no payment card is needed to start the trial. What works without a Guard plan? Live
view, two-way talk, motion notifications with snapshots and local recording to a Hub or microSD card
all work without a subscription. Can one plan cover two homes? No, a Guard Plus plan covers one
address, so a second home needs its own plan. Is there a cloud storage cap? No, Guard plans have no
storage cap, only the history period.
""",
        qs=[
            ("How much does the Guard Basic plan cost per month?", "3.99 EUR"),
            ("How much does Halvard Guard Plus cost if I pay yearly?", "99 EUR"),
            ("How many days of cloud video history does the Halvard Guard Basic plan include?", "30 days"),
        ],
        emb=[
            (
                "all work without a subscription",
                [
                    "do i have to pay monthly or does the cam work without it",
                    "what do i lose if i stop paying for guard",
                    "can i use heron with no subscription at all",
                    "without guard can i still watch live",
                ],
            ),
            (
                "a second home needs its own plan",
                [
                    "can my plus plan cover my holiday cottage too",
                    "one subscription for two houses?",
                    "share guard with my parents place",
                    "guard for the apartment and the summer house",
                ],
            ),
            (
                "have no storage cap",
                [
                    "is there a limit on how many clips i can store in the cloud",
                    "cloud storage full?",
                    "do recordings count against some quota",
                    "max cloud gigabytes on guard",
                ],
            ),
        ],
    ),
    dict(
        key="faq-wifi",
        title="Wi-Fi and network requirements FAQ",
        type="faq",
        text="""
What internet speed do Halvard devices need? Each camera needs at least 1 Mbps of upload bandwidth for
HD and 2 Mbps for 2K live view. A home with four 2K cameras should therefore have at least 8 Mbps of
upload. Which Wi-Fi bands are supported? The Cam Mini, Cam Outdoor and Doorbell use 2.4 GHz; the Cam Pro
and the Hub support both 2.4 GHz and 5 GHz. Which security modes work? WPA2-Personal and WPA3-Personal
are supported; enterprise networks with a login page, such as hotel or campus Wi-Fi, are not. Which
ports must be open? Devices connect outward on TCP port 443 and UDP ports 10000 to 10100; no port
forwarding is needed. Do mesh networks work? Yes, as long as the mesh exposes a 2.4 GHz band. How far
can a camera be from the router? Indoors, about 15 metres through two walls is a good rule of thumb.
""",
        qs=[
            ("Which TCP port do Halvard devices use for outgoing connections?", "443"),
            ("What internet upload speed does each Halvard camera need for 2K live view?", "2 Mbps"),
        ],
        emb=[
            (
                "enterprise networks with a login page",
                [
                    "can i use the cams on my dorm wifi with a login page",
                    "hotel wifi with sign in screen, will the cam work",
                    "university network setup fails",
                    "captive portal wifi cam",
                ],
            ),
            (
                "no port forwarding is needed",
                [
                    "do i need to open ports on my router",
                    "firewall rules for the cameras",
                    "which ports to allow for halvard",
                    "port forward for remote viewing?",
                ],
            ),
            (
                "four 2K cameras",
                [
                    "my internet upload is 5 mbit, enough for 4 cams?",
                    "how fast internet do i need for several cameras",
                    "is my connection good enough for three heron",
                    "upload speed needed for multiple cams",
                ],
            ),
            (
                "Do mesh networks work",
                [
                    "will my mesh wifi system work with the cams",
                    "eero style mesh ok?",
                    "mesh router compatibility",
                    "cams on a deco mesh",
                ],
            ),
        ],
    ),
    dict(
        key="faq-security",
        title="Account security FAQ",
        type="faq",
        text="""
How do I turn on two-factor authentication? Go to Account > Security > Two-Factor and choose an
authenticator app or SMS codes; authenticator apps are recommended. What are the password rules?
Passwords need at least 10 characters and cannot be one of the 10,000 most common passwords. What
happens after wrong passwords? After 5 failed sign-in attempts, the account is locked for 15 minutes.
How do I see where I am signed in? Account > Security > Active Sessions lists every phone and browser,
and you can sign out any of them remotely. What if I lose my phone with the authenticator app? Use one
of the 10 recovery codes you saved when you enabled two-factor; if you have none, support can verify
your identity, which takes up to 3 business days. Will Halvard ever ask for my password? No, staff will
never ask for your password or two-factor codes. How do I change my email address? Change it under
Account > Profile; we send a confirmation link to both the old and the new address, valid for 24 hours.
""",
        qs=[
            ("What is the minimum password length for a Halvard account?", "10 characters"),
            ("How many two-factor recovery codes does Halvard provide?", "10 recovery codes"),
            ("How long is the Halvard email change confirmation link valid?", "24 hours"),
        ],
        emb=[
            (
                "Active Sessions",
                [
                    "how do i kick someone else off my account",
                    "see which phones are logged into my halvard",
                    "log out my old tablet remotely",
                    "sign out all devices",
                ],
            ),
            (
                "lose my phone with the authenticator",
                [
                    "lost my phone and now i cant get the 2fa code",
                    "new phone, authenticator codes gone",
                    "can't log in, two factor app was on my stolen phone",
                    "2fa phone broken",
                ],
            ),
            (
                "staff will never ask for your password",
                [
                    "someone from halvard called asking for my password, legit?",
                    "got an email asking for my login code, is that you",
                    "phishing? text asked for my 2fa code",
                    "does support need my password",
                ],
            ),
            (
                "locked for",
                [
                    "typed my password wrong a bunch and now im locked out",
                    "account locked after failed logins, how long",
                    "too many login attempts",
                    "locked out after wrong passwords",
                ],
            ),
        ],
    ),
    dict(
        key="faq-family",
        title="Family sharing FAQ",
        type="faq",
        text="""
How many people can share my Halvard home? You can invite up to 6 members in addition to the owner.
Invite them from Home Settings > Members; invitations expire after 7 days. What roles exist? Admins can
add devices and change settings; Members can watch live view and clips and can arm or disarm the system;
Guests get access only during a schedule you set, for example a cleaner on Tuesdays from 09:00 to 12:00.
Do members need their own subscription? No, members use the owner's Halvard Guard plan. Can a member
delete clips? Only admins can delete clips; members can download them. Can I hide a camera from some
members? Yes, each camera can be shared with selected members only. Is there a limit on homes? One
account can own up to 5 homes and be a member of any number of homes. How do I remove someone? Open
their profile under Members and tap Remove; their access ends immediately and they receive an email.
""",
        qs=[],
        emb=[
            (
                "Guests get access only during a schedule",
                [
                    "give the cleaner access only on tuesdays",
                    "temporary access for my dog walker",
                    "babysitter should only see cams in the evening",
                    "time limited access for a guest",
                ],
            ),
            (
                "hide a camera from some",
                [
                    "i dont want my kids to see the bedroom cam",
                    "share only the front door camera with my neighbour",
                    "hide one camera from a family member",
                    "limit which cams my partner sees",
                ],
            ),
            (
                "tap Remove",
                [
                    "how do i take my ex off the home",
                    "remove a person from my cameras",
                    "kick out a member",
                    "revoke my roommates access",
                ],
            ),
            (
                "Only admins can delete clips",
                [
                    "my husband deleted a recording, how",
                    "can my teenage son delete clips",
                    "stop members from deleting videos",
                    "who can erase recordings",
                ],
            ),
        ],
    ),
    dict(
        key="faq-integrations",
        title="Smart home integrations FAQ",
        type="faq",
        text="""
Does Halvard work with Amazon Alexa? Yes, enable the Halvard skill in the Alexa app to view cameras on
Echo Show devices and get doorbell announcements. Does it work with Google Home? Yes, link your Halvard
account in the Google Home app to stream cameras to Nest Hub displays and Chromecast. Is Apple HomeKit
supported? HomeKit Secure Video is supported on the Cam Pro and Cam Mini only, and requires an Apple home
hub. What about Matter? The Hub exposes the cameras' motion sensors and its siren to Matter controllers;
video streaming over Matter is not yet available. Can I use IFTTT? Yes, the Halvard IFTTT service offers
6 triggers, such as Person Detected and Doorbell Pressed, and 3 actions. Is there an RTSP stream? RTSP
is available on the Cam Pro and Cam Mini when local streaming is switched on in advanced settings. Does
Halvard have a public API? Not for personal accounts; Halvard for Business customers can request API
access.
""",
        qs=[
            ("How many triggers does the Halvard IFTTT service offer?", "6 triggers"),
            ("Is Apple HomeKit supported, and on which Halvard cameras?", "Cam Pro and Cam Mini"),
        ],
        emb=[
            (
                "Echo Show",
                [
                    "can i see the door on my echo show",
                    "alexa show me the front door",
                    "announce doorbell rings on my echo",
                    "echo show magpie video",
                ],
            ),
            (
                "Chromecast",
                [
                    "cast heron to my tv",
                    "nest hub display show my cams",
                    "google home camera stream",
                    "stream the wren on chromecast",
                ],
            ),
            (
                "public API",
                [
                    "is there an api i can code against",
                    "developer access to my cameras",
                    "rest api for my clips",
                    "can i script my cams with an api",
                ],
            ),
            (
                "video streaming over Matter",
                [
                    "can i watch puffin cams in a matter app",
                    "matter video support?",
                    "live video through matter controller",
                    "does matter show the camera feed",
                ],
            ),
        ],
    ),
    dict(
        key="faq-local",
        title="Local storage and offline recording FAQ",
        type="faq",
        text="""
Where can Halvard devices record without the cloud? The Cam Mini and Cam Pro record to a microSD card in
the camera, and battery devices record to the Hub's built-in storage or an attached USB drive. How long
does local storage last? On a 128 GB card, a Cam Mini recording motion events only keeps roughly 30 days
of clips; continuous recording fills it in about 9 days. Does recording continue if the internet is
down? Yes, cameras with a microSD card or a Hub keep recording, and the app shows local clips when your
phone is on the same network. Can I play local clips when I am away from home? Yes, through the app's
secure relay, as long as the Hub or camera has internet. Are local clips encrypted? Yes, with AES-256, so
the microSD card cannot be read in a computer. Can I record 24/7? Continuous recording is available on
the Cam Mini and Cam Pro with a microSD card; battery devices record motion events only.
""",
        qs=[
            ("How many days of continuous recording fit on a 128 GB card in a Halvard Cam Mini?", "9 days"),
        ],
        emb=[
            (
                "cannot be read in a computer",
                [
                    "put the sd card in my laptop and cant open the videos",
                    "why are my memory card files unreadable on pc",
                    "read the wren card on a computer",
                    "sd clips wont play on my mac",
                ],
            ),
            (
                "Does recording continue if the internet",
                [
                    "will my cams still record if the internet dies",
                    "internet outage, do i lose footage",
                    "broadband down, recording?",
                    "no internet but cams still filming?",
                ],
            ),
            (
                "Can I record 24/7",
                [
                    "can osprey record all the time",
                    "continuous recording on battery cams",
                    "nonstop recording on the wren",
                    "24 7 recording which cameras",
                ],
            ),
        ],
    ),
    dict(
        key="faq-motion",
        title="Motion detection and pets FAQ",
        type="faq",
        text="""
How do I stop my cat triggering alerts? Turn on Pet Filter in the camera's detection settings; alerts are
then sent only for people, vehicles and packages. Pet Filter works on all cameras, but on the Cam Outdoor
it requires firmware 2.6.0 or later. Can I get alerts when my dog is on the sofa? Yes, choose Pet
Detected as an alert type; pets are detected on the Cam Mini and Cam Pro. How sensitive is motion
detection? Sensitivity can be set from 1 to 10, and the default is 6. What are activity zones? You can
draw up to 4 activity zones per camera, and motion outside them is ignored. How long are motion clips?
Clip length can be set between 10 and 60 seconds, with a cooldown between alerts of 0 to 5 minutes. Why
are there alerts at night with nothing visible? Insects near the infrared lights or moving headlights
are common causes; lower the sensitivity or turn on Pet Filter.
""",
        qs=[
            ("How many activity zones can I draw per Halvard camera?", "4 activity zones"),
            ("How long can the cooldown between Halvard motion alerts be set to?", "0 to 5 minutes"),
        ],
        emb=[
            (
                "stop my cat triggering",
                [
                    "my cat keeps setting off the alerts",
                    "dog walking past sends me notifications all day",
                    "ignore pets in motion alerts",
                    "cat alerts",
                ],
            ),
            (
                "alerts at night with nothing visible",
                [
                    "getting alerts at 2am and the clip is empty",
                    "night notifications but nothing there",
                    "ghost motion at night",
                    "empty clips at night",
                ],
            ),
            (
                "dog is on the sofa",
                [
                    "tell me when the dog climbs on the couch",
                    "pet detection alert on heron",
                    "notify when my puppy moves",
                    "know when the cat is on the table",
                ],
            ),
        ],
    ),
    dict(
        key="faq-app",
        title="Halvard app FAQ",
        type="faq",
        text="""
Which phones can run the Halvard app? The app needs iOS 16 or later, or Android 10 or later; tablets are
supported in landscape mode. Is there a desktop version? Yes, the web app at my.halvard.example works in
current versions of Chrome, Edge, Firefox and Safari. How many devices can view a camera at once? Up to
4 people can watch the same live stream at the same time. How do I enable notifications on Android?
Allow the Halvard app to send notifications and to run in the background, and turn off battery
optimisation for it. What is the Timeline? It shows all events from your cameras in one scrolling view,
filtered by person, vehicle, package or pet. Can I use the app in dark mode? Yes, it follows your
phone's system setting. How large is the app? About 140 MB on iOS and 95 MB on Android. Can I use the
app without an account? No, an account is required, but it is free.
""",
        qs=[
            ("How many people can watch the same camera live stream at once in the Halvard app?", "4 people"),
            ("How much storage does the Halvard app take on Android?", "95 MB"),
            ("What is the minimum Android version for the Halvard app?", "Android 10"),
        ],
        emb=[
            (
                "web app",
                [
                    "can i watch my cams on my laptop browser",
                    "is there a pc version",
                    "view cameras from work computer",
                    "desktop app for windows?",
                ],
            ),
            (
                "iOS 16 or later",
                [
                    "my old iphone cant install the app",
                    "app not compatible with my phone",
                    "does the app run on an ipad from 2016",
                    "which phone versions are supported",
                ],
            ),
            (
                "Up to 4 people can watch",
                [
                    "my wife and i cant both watch live at the same time with the kids",
                    "fifth person cant open live view",
                    "how many can watch at once",
                    "live stream limit of viewers",
                ],
            ),
        ],
    ),
    dict(
        key="rn-mini-380",
        title="Cam Mini firmware 3.8.0 release notes",
        type="release-notes",
        text="""
Halvard Cam Mini firmware 3.8.0 was released on 12 February and improves night vision and motion
detection. Night vision exposure has been retuned to reduce glare from nearby walls and furniture.
Person detection now runs on the camera itself, which cuts alert latency from about 4 seconds to under
2 seconds. The update adds support for exFAT-formatted microSD cards, so cards larger than 32 GB no
longer need to be reformatted. Fixed: the camera could drop off Wi-Fi after 7 days of uptime on some
routers. Fixed: two-way talk echoed on Android phones. Known issue: scheduled privacy mode may start one
minute late; a fix is planned for a later release. The update is about 18 MB and installs automatically
at night unless automatic updates are switched off in Device Settings. Minimum app version: 6.2. Cameras
that are offline when the update is published receive it within 24 hours of reconnecting.
""",
        qs=[
            ("What alert latency does Cam Mini firmware 3.8.0 achieve for person detection?", "under 2 seconds"),
        ],
        emb=[
            (
                "drop off Wi-Fi after 7 days",
                [
                    "wren disconnects after about a week every time",
                    "little cam drops offline weekly",
                    "wren goes offline after several days of running",
                    "mini cam offline every 7 days",
                ],
            ),
            (
                "two-way talk echoed",
                [
                    "talking through wren echoes on my android",
                    "echo when i speak through the mini cam",
                    "wren audio echo",
                    "my voice echoes on the small indoor cam",
                ],
            ),
            (
                "exFAT",
                [
                    "do i have to reformat my 64gb card for wren",
                    "wren wont take a big sd card formatted exfat",
                    "sd card format for the wren",
                    "need fat32 for wren?",
                ],
            ),
        ],
    ),
    dict(
        key="rn-mini-392",
        title="Cam Mini firmware 3.9.2 release notes",
        type="release-notes",
        text="""
Halvard Cam Mini firmware 3.9.2 was released on 3 June; it adds HomeKit Secure Video support and fixes
issues found in 3.9.0 and 3.9.1. New: pet detection for cats and dogs. New: a privacy chime that plays
when someone starts live view, which can be switched off in settings. Improved: Wi-Fi reconnection after
a router restart now takes about 20 seconds instead of 2 minutes. Fixed: the scheduled privacy mode
timing issue from 3.8.0. Fixed: microSD recording could stop when the card reached 95 percent full
instead of overwriting old clips. Security: updated the TLS library to close a vulnerability rated
medium. The update is 21 MB and installs overnight. Minimum app version: 6.4. Cameras still on a 3.7.x
version must first update to 3.8.0, which happens automatically before 3.9.2 is offered.
""",
        qs=[
            ("Which Cam Mini firmware version added HomeKit Secure Video support?", "3.9.2"),
            ("How quickly does the Cam Mini reconnect after a router restart with firmware 3.9.2?", "20 seconds"),
        ],
        emb=[
            (
                "privacy chime",
                [
                    "wren makes a ding when my wife opens live view",
                    "sound when someone watches the mini cam",
                    "turn off the beep on wren live view",
                    "chime noise on wren when viewing",
                ],
            ),
            (
                "95 percent full",
                [
                    "wren stopped recording when the card got full",
                    "sd card nearly full and the little cam quit saving",
                    "wren doesnt overwrite old clips",
                    "recording stops on full sd wren",
                ],
            ),
            (
                "router restart",
                [
                    "wren takes ages to come back after my router reboots",
                    "slow reconnect after router restart on the mini",
                    "after restarting the modem the wren is offline for minutes",
                    "wren reconnect slow",
                ],
            ),
        ],
    ),
    dict(
        key="rn-pro-421",
        title="Cam Pro firmware 4.2.1 release notes",
        type="release-notes",
        text="""
Halvard Cam Pro firmware 4.2.1 was released on 20 March and is a maintenance release. Fixed: the camera
could fail to pair again after a factory reset while on 5 GHz Wi-Fi. Fixed: motion tracking stopped
after 10 seconds instead of the configured time. Improved: pan and tilt are 30 percent quieter thanks to
new motor acceleration curves. Improved: live view starts about 1 second faster on both Wi-Fi bands.
Known issue: preset patrol may skip the last preset when more than 6 presets are configured; this is
fixed in 4.3.0. The update is 34 MB and requires app version 6.3 or later. As with every Cam Pro update,
the status light flashes purple while the firmware installs, and the camera returns to its home
position when it restarts. Updates are offered to a growing share of cameras over about one week.
""",
        qs=[
            ("How much quieter does Cam Pro firmware 4.2.1 make panning?", "30 percent"),
            ("What is the download size of Cam Pro firmware 4.2.1?", "34 MB"),
        ],
        emb=[
            (
                "motion tracking stopped after 10 seconds",
                [
                    "heron gives up tracking after 10 secs",
                    "tracking on the pan cam quits way too early",
                    "heron follows for a few seconds only",
                    "tracking stops early on heron",
                ],
            ),
            (
                "skip the last preset",
                [
                    "heron patrol skips my last position",
                    "patrol misses one spot on the swivel cam",
                    "last preset ignored in patrol",
                    "heron patrol skipping",
                ],
            ),
            (
                "30 percent quieter",
                [
                    "heron motor is noisy when it moves",
                    "pan tilt cam too loud at night",
                    "can the swivel cam move quieter",
                    "heron whirring noise",
                ],
            ),
        ],
    ),
    dict(
        key="rn-pro-430",
        title="Cam Pro firmware 4.3.0 release notes",
        type="release-notes",
        text="""
Halvard Cam Pro firmware 4.3.0 was released on 14 May and brings new features. New: the auto-return time
after motion tracking can now be set from 10 to 120 seconds. New: RTSP local streaming on port 554 for
use with network video recorders. New: IPv6 support. Fixed: preset patrol skipping the last preset when
more than 6 presets were configured. Fixed: the privacy mode schedule ignored daylight saving time
changes. The update is 36 MB and requires app version 6.4. A firmware update can take up to 8 minutes;
the status light flashes purple while it installs, so do not unplug the camera. If an update fails, the
camera rolls back to the previous version automatically and tries again the next night. Cameras on
versions older than 4.2.1 first update to 4.2.1.
""",
        qs=[
            ("Which Cam Pro firmware version introduced RTSP local streaming?", "4.3.0"),
            ("What auto-return time range after tracking does Cam Pro firmware 4.3.0 allow?", "10 to 120 seconds"),
        ],
        emb=[
            (
                "daylight saving",
                [
                    "heron privacy schedule is an hour off since the clocks changed",
                    "clock change broke my swivel cam schedule",
                    "heron privacy mode starts an hour early after summer time",
                    "dst schedule wrong heron",
                ],
            ),
            (
                "network video recorders",
                [
                    "can i hook heron to my nvr",
                    "record the pan cam on synology",
                    "heron with blue iris",
                    "rtsp heron",
                ],
            ),
            (
                "rolls back",
                [
                    "heron update failed halfway",
                    "what happens if the swivel cam update breaks",
                    "firmware install error on heron, bricked?",
                    "failed update heron",
                ],
            ),
        ],
    ),
    dict(
        key="rn-outdoor-260",
        title="Cam Outdoor firmware 2.6.0 release notes",
        type="release-notes",
        text="""
Halvard Cam Outdoor firmware 2.6.0 was released on 8 January and focuses on battery life. The PIR sensor
now ignores small animals under about 30 cm, which cuts false triggers by roughly 40 percent. Pet Filter
is now available on the Cam Outdoor. Battery reporting is more accurate below 20 percent. New: Cold
Weather mode lowers the video bitrate when the temperature drops below -10 °C to protect the battery.
Fixed: the spotlight could stay on after a clip ended. The update is 12 MB; the camera must have at
least 30 percent battery to install it, otherwise it waits until it has been charged. Cameras connected
through a Hub receive the update from the Hub, which downloads it once for all cameras. The update
usually installs within 10 minutes and the camera does not record during installation.
""",
        qs=[
            (
                "How much does the Cam Outdoor firmware 2.6.0 change to ignore small animals cut false triggers?",
                "40 percent",
            ),
            ("At what temperature does Cold Weather mode in Cam Outdoor firmware 2.6.0 kick in?", "-10 °C"),
            (
                "What minimum battery level does the Cam Outdoor need to install a firmware update?",
                "30 percent",
                ["rn-outdoor-271"],
            ),
        ],
        emb=[
            (
                "small animals under about 30 cm",
                [
                    "hedgehogs keep triggering osprey",
                    "foxes set off the garden cam every night",
                    "tiny animals triggering the battery cam",
                    "osprey alerts for squirrels",
                ],
            ),
            (
                "spotlight could stay on",
                [
                    "osprey light stays on after recording",
                    "garden cam lamp doesnt switch off",
                    "spotlight stuck on after a clip",
                    "osprey light won't turn off",
                ],
            ),
            (
                "Cold Weather mode",
                [
                    "osprey video quality drops in winter",
                    "garden cam picture worse when freezing",
                    "battery cam lower quality when its very cold",
                    "osprey grainy in minus temps",
                ],
            ),
        ],
    ),
    dict(
        key="rn-outdoor-271",
        title="Cam Outdoor firmware 2.7.1 release notes",
        type="release-notes",
        text="""
Halvard Cam Outdoor firmware 2.7.1 was released on 2 April. New: vehicle detection for driveways, with a
separate alert type that can be switched on without person alerts. New: clip length can be extended to
60 seconds. Improved: the connection to the Hub recovers within 15 seconds after radio interference.
Fixed: the battery percentage jumped from 100 to 80 right after charging. Fixed: error E-52 was shown
even though the battery compartment was closed. The update is 14 MB and, like every Cam Outdoor update,
needs at least 30 percent battery to install. This release also includes the changes from 2.7.0, which
was only offered to a small test group, including better noise reduction for the microphone in windy
conditions. Cameras that are offline when the release is published receive it within 24 hours of
reconnecting.
""",
        qs=[
            ("Which Cam Outdoor firmware version added vehicle detection?", "2.7.1"),
        ],
        emb=[
            (
                "jumped from 100 to 80",
                [
                    "osprey shows 80 percent right after i fully charged it",
                    "battery reading drops straight away after charging",
                    "full charge but garden cam says 80",
                    "osprey battery percent wrong after charge",
                ],
            ),
            (
                "vehicle detection",
                [
                    "can osprey tell me when a car pulls into the driveway",
                    "alert for cars only on the garden cam",
                    "car detection on the battery cam",
                    "notify me when a vehicle arrives",
                ],
            ),
            (
                "windy conditions",
                [
                    "osprey audio is all wind noise",
                    "microphone on the garden cam sounds awful in wind",
                    "wind rumble in outdoor clips",
                    "osprey sound windy",
                ],
            ),
        ],
    ),
    dict(
        key="rn-doorbell-140",
        title="Doorbell firmware 1.4.0 release notes",
        type="release-notes",
        text="""
Halvard Doorbell firmware 1.4.0 was released on 25 February. New: quick replies, so the Doorbell can now
play pre-recorded messages when nobody answers. New: package detection in the lower part of the image,
with a separate alert when a parcel is left or picked up. Improved: the ring-to-phone notification time
is down to about 1.5 seconds on wired power. Fixed: mechanical chimes buzzed on 24 V AC transformers.
Known issue: the button light may stay on after a ring in freezing weather. The update is 16 MB and
installs automatically between 01:00 and 05:00 when the Doorbell has not been pressed for 30 minutes.
Doorbells on battery need at least 25 percent charge to install this release, and they keep working
normally while the update is downloading.
""",
        qs=[
            ("Which Halvard Doorbell firmware introduced quick replies?", "1.4.0"),
            ("Which Doorbell firmware fixed mechanical chimes buzzing on 24 V AC transformers?", "1.4.0"),
        ],
        emb=[
            (
                "mechanical chimes buzzed",
                [
                    "my old bell buzzes with magpie wired",
                    "hallway chime humming after installing the doorbell",
                    "buzzing sound from the chime box",
                    "chime buzz magpie",
                ],
            ),
            (
                "package detection",
                [
                    "can magpie tell me when a parcel is dropped off",
                    "alert when someone takes a package from my door",
                    "parcel alert doorbell",
                    "doorbell detect deliveries",
                ],
            ),
            (
                "25 percent charge",
                [
                    "magpie firmware wont install on battery",
                    "doorbell update stuck, low battery",
                    "why is the doorbell not updating",
                    "magpie update battery level",
                ],
            ),
        ],
    ),
    dict(
        key="rn-doorbell-153",
        title="Doorbell firmware 1.5.3 release notes",
        type="release-notes",
        text="""
Halvard Doorbell firmware 1.5.3 was released on 10 July. New: the Chime night light can be triggered by
rings. New: visitor announcement voices in Dutch, German and French. Improved: battery life is up
10 percent on battery power thanks to a lower idle Wi-Fi power state. Fixed: the button light stayed on
after a ring in freezing weather. Fixed: quick replies sometimes played twice. Security: patches a
Bluetooth setup vulnerability rated high, so installing this update promptly is recommended. The update
is 17 MB and requires app version 6.5. Doorbells connected through a Hub receive the update from the Hub.
After installing, the Doorbell restarts once, which takes about 40 seconds, and rings during that time
are not recorded.
The previous release, 1.5.2, was withdrawn after two days because it could reset quick reply settings.
""",
        qs=[
            (
                "Which Bluetooth vulnerability fix is included in Halvard Doorbell firmware 1.5.3?",
                "Bluetooth setup vulnerability",
            ),
        ],
        emb=[
            (
                "button light stayed on",
                [
                    "magpie ring light stuck on when its frosty",
                    "doorbell button stays lit in winter",
                    "light doesnt turn off after someone rings in the cold",
                    "frozen doorbell light on",
                ],
            ),
            (
                "played twice",
                [
                    "magpie plays the auto message two times",
                    "quick reply repeats",
                    "doorbell says the message twice",
                    "canned reply doubled",
                ],
            ),
            (
                "announcement voices",
                [
                    "can magpie announce visitors in german",
                    "dutch voice for the doorbell",
                    "doorbell speak french",
                    "language of visitor announcement",
                ],
            ),
        ],
    ),
    dict(
        key="rn-hub-510",
        title="Hub firmware 5.1.0 release notes",
        type="release-notes",
        text="""
Halvard Hub firmware 5.1.0 was released on 30 January. New: USB drives up to 2 TB are supported;
previously the limit was 1 TB. New: local clip export to a computer on the same network through the web
app. Improved: the Hub now keeps a 7-day local event log that can be shared with support in one tap.
Fixed: the siren volume was reset to maximum after a restart. Fixed: clips from the Doorbell were
sometimes saved without sound. The update is 48 MB and installs between 02:00 and 04:00 local time;
the Hub's cameras keep recording to their buffers during the roughly 3 minutes the Hub is restarting.
If your Hub is still on a 4.x version, it updates to 5.0.2 first and then to 5.1.0 on the following
night.
""",
        qs=[
            ("How many days does the local event log kept by Hub firmware 5.1.0 cover?", "7-day"),
        ],
        emb=[
            (
                "siren volume was reset to maximum",
                [
                    "puffin siren went back to full volume after restarting",
                    "alarm loudness resets on the base station",
                    "hub siren too loud again after reboot",
                    "siren volume resets puffin",
                ],
            ),
            (
                "without sound",
                [
                    "doorbell clips on puffin have no audio",
                    "silent recordings from magpie on the base station",
                    "no sound in hub recordings",
                    "magpie clips mute",
                ],
            ),
            (
                "local clip export",
                [
                    "copy clips from puffin to my pc",
                    "download recordings off the base station to a laptop",
                    "export local hub footage",
                    "get videos off puffin",
                ],
            ),
        ],
    ),
    dict(
        key="rn-hub-520",
        title="Hub firmware 5.2.0 release notes",
        type="release-notes",
        text="""
Halvard Hub firmware 5.2.0 was released on 18 June and adds Matter support: the cameras' motion sensors
and the Hub siren appear in Matter controllers such as Apple Home, Google Home and SmartThings. The
Matter pairing code is shown in the app under Hub > Matter. New: backup battery status in the app.
Improved: clip upload after an internet outage is up to 25 percent faster. Fixed: Cam Outdoor units
occasionally dropped off the Hub after a power cut. Known issue: some Matter controllers show the siren
as a switch instead of an alarm. The update is 52 MB and installs overnight. After updating, the Hub
restarts and may show a white pulsing LED ring for up to 5 minutes while it rebuilds its device list.
""",
        qs=[
            ("Which Halvard Hub firmware version added Matter support?", "5.2.0"),
            ("How big is the Hub firmware 5.2.0 update?", "52 MB"),
        ],
        emb=[
            (
                "Matter pairing code",
                [
                    "where do i find the matter code for puffin",
                    "add the base station to apple home",
                    "smartthings pairing code hub",
                    "matter setup puffin",
                ],
            ),
            (
                "dropped off the Hub after a power cut",
                [
                    "osprey disappears from puffin after the power goes out",
                    "battery cams lose the base station after outage",
                    "after power cut garden cam not connected to hub",
                    "cams drop off puffin after blackout",
                ],
            ),
            (
                "white pulsing LED ring",
                [
                    "puffin pulsing white after the update",
                    "base station blinking white for minutes",
                    "hub white pulse",
                    "puffin light breathing white",
                ],
            ),
        ],
    ),
    dict(
        key="rn-app-65",
        title="Halvard app 6.5 release notes",
        type="release-notes",
        text="""
Halvard app 6.5 was released on 1 July for iOS and Android. New: Timeline filters for vehicles and pets,
so you can show only the events you care about. New: home screen widgets showing up to 4 camera
snapshots, refreshed every 15 minutes. New: dark mode now also applies to notifications on Android.
Improved: live view starts 40 percent faster on 5 GHz networks. Fixed: the app logged users out after a
phone restart on Android 14. Fixed: the Doorbell ring screen sometimes did not appear on the lock screen
on iOS. Requirement raised: the app now needs iOS 16 or Android 10, and older phones keep working on
version 6.4 without new features. Firmware releases that depend on this version, such as Doorbell
firmware 1.5.3, are only offered once all admins of a home have updated the app.
""",
        qs=[
            ("How much faster does live view start on 5 GHz networks with Halvard app 6.5?", "40 percent"),
        ],
        emb=[
            (
                "logged users out after a phone restart",
                [
                    "app logs me out every time i reboot my phone",
                    "have to sign in again after restarting my pixel",
                    "android keeps logging me out of halvard",
                    "logged out after reboot",
                ],
            ),
            (
                "home screen widgets",
                [
                    "can i see my cams on the home screen",
                    "widget with camera snapshots",
                    "is there a halvard widget",
                    "cam preview widget on my phone",
                ],
            ),
            (
                "lock screen",
                [
                    "doorbell ring doesnt show on my locked iphone",
                    "no ring screen when the phone is locked",
                    "iphone locked and the doorbell call doesnt pop up",
                    "ring screen missing on lockscreen",
                ],
            ),
        ],
    ),
]

# Documents that only exist in kb_v2.
NEW_DOCS: list[dict] = [
    dict(
        key="man-floodlight",
        title="Halvard Floodlight Cam user manual",
        type="manual",
        text="""
The Halvard Floodlight Cam is a wired outdoor camera with two LED floodlights, known internally as
'Kestrel'. It replaces an existing outdoor light fitting and runs on 230 V mains power, so it never
needs charging. The floodlights produce up to 2,000 lumens with adjustable colour temperature from
3,000 K to 5,000 K. Video is 2K at 30 frames per second with a 140-degree field of view. The Floodlight
Cam costs 199 EUR and is rated IP65 for use from -20 °C to 50 °C. A 105 dB siren is built in and can be
linked to a Halvard Hub. Motion detection combines a PIR sensor with on-camera person and vehicle
detection, and lights can be set to switch on for people only. Installation requires a junction box and
should be done by a qualified electrician; professional installation is available for 89 EUR in the
Netherlands, Belgium and Germany. The Floodlight Cam connects to 2.4 GHz or 5 GHz Wi-Fi and ships with
firmware 1.0.4.
""",
    ),
    dict(
        key="rn-app-70",
        title="Halvard app 7.0 release notes",
        type="release-notes",
        text="""
Halvard app 7.0 was released on 15 September for iOS and Android. New: a redesigned home screen that
groups cameras by room and shows battery levels at a glance. New: support for the Halvard Floodlight
Cam, including light schedules and brightness control. New: shared clip links that expire after 7 days,
so you can send a recording to a neighbour or the police without giving account access. Improved:
notifications now include a short animated preview on both iOS and Android. Improved: clip downloads are
up to 2 times faster. Fixed: the Timeline sometimes skipped events that happened within the same second.
Fixed: home screen widgets did not refresh after the phone left power-saving mode. Halvard Solar
Panel settings have been removed because the accessory is retired.
""",
    ),
]

REMOVED_KEY = "man-solar"

# (doc key, fact, old, new, question) -- each old value occurs exactly once in the v1 text.
CHANGES: list[tuple[str, str, str, str, str]] = [
    (
        "faq-guard",
        "Guard Plus monthly price",
        "9.99 EUR",
        "11.99 EUR",
        "How much does a Halvard Guard Plus subscription cost per month?",
    ),
    (
        "faq-guard",
        "Guard Plus cloud history period",
        "60 days",
        "90 days",
        "How many days of cloud video history does Guard Plus keep for all cameras at one address?",
    ),
    (
        "faq-guard",
        "Guard Plus free trial length",
        "30-day",
        "14-day",
        "Is there a free trial of Guard Plus for new Halvard accounts, and how long is it?",
    ),
    (
        "pol-returns",
        "return window for store purchases",
        "30 days",
        "45 days",
        "How many days do I have to return something I bought in the Halvard online store?",
    ),
    (
        "pol-returns",
        "refund processing time after a return arrives",
        "14 days",
        "10 days",
        "How soon after Halvard receives my returned product is the refund issued?",
    ),
    (
        "pol-shipping-eu",
        "free standard shipping threshold",
        "50 EUR",
        "75 EUR",
        "Above what order value is standard shipping free in the Halvard store in the EU?",
    ),
    (
        "pol-shipping-eu",
        "express delivery price",
        "12.95 EUR",
        "14.95 EUR",
        "What does express delivery cost for a Halvard order within the EU?",
    ),
    (
        "pol-warranty",
        "battery warranty period",
        "12 months",
        "18 months",
        "How long are rechargeable batteries covered by the Halvard warranty?",
    ),
    (
        "pol-warranty",
        "Halvard Care price",
        "34 EUR",
        "44 EUR",
        "How much does Halvard Care extended coverage cost per device?",
    ),
    (
        "pol-repair",
        "flat repair fee",
        "39 EUR",
        "45 EUR",
        "What flat fee does Halvard charge for an out-of-warranty repair?",
    ),
    (
        "pol-support",
        "weekday phone support hours",
        "08:00 to 20:00",
        "09:00 to 18:00",
        "When is Halvard phone support open on weekdays?",
    ),
    (
        "pol-support",
        "email first-answer time",
        "24 hours",
        "48 hours",
        "How quickly does Halvard support answer an email request?",
    ),
    ("man-mini", "Cam Mini price", "59 EUR", "49 EUR", "What is the retail price of the Halvard Cam Mini?"),
    (
        "man-pro",
        "Cam Pro maximum microSD size",
        "512 GB",
        "1 TB",
        "What is the largest microSD card the Halvard Cam Pro supports?",
    ),
    (
        "man-outdoor",
        "Cam Outdoor battery life",
        "5 months",
        "6 months",
        "How many months does the battery of the Halvard Cam Outdoor last with default settings?",
    ),
    ("man-doorbell", "Doorbell price", "129 EUR", "139 EUR", "How much does the Halvard Doorbell cost?"),
    (
        "man-hub",
        "maximum devices per Hub",
        "16 cameras",
        "24 cameras",
        "How many cameras and doorbells can one Halvard Hub connect?",
    ),
    (
        "faq-family",
        "family sharing member limit",
        "6 members",
        "8 members",
        "How many members can I invite to share my Halvard home?",
    ),
    (
        "faq-security",
        "lockout after failed sign-ins",
        "15 minutes",
        "30 minutes",
        "How long is a Halvard account locked after too many failed sign-in attempts?",
    ),
    (
        "pol-tradein",
        "maximum trade-in credit for Halvard devices",
        "40 EUR",
        "50 EUR",
        "What is the most trade-in credit I can get for an old Halvard camera?",
    ),
    (
        "pol-giftcards",
        "gift card validity",
        "3 years",
        "5 years",
        "How long is a Halvard gift card valid after purchase?",
    ),
    (
        "pol-privacy",
        "face template deletion period",
        "180 days",
        "90 days",
        "After how long without being seen are Familiar Faces templates deleted by Halvard?",
    ),
]

UNANSWERABLE: list[str] = [
    "How much does the Halvard Cam Pro weigh?",
    "Which colours is the Halvard Cam Mini available in?",
    "Does Halvard offer a student discount on Guard Plus?",
    "Who is the CEO of Halvard Home?",
    "What is the warranty on refurbished Halvard cameras bought from the outlet?",
    "Does the Halvard Hub support Zigbee sensors?",
    "What is the maximum cable length for the Halvard PoE Adapter?",
    "How many Halvard retail stores are there in Amsterdam?",
    "What audio sample rate does the Halvard Cam Mini microphone record at?",
    "How much does a replacement faceplate for the Halvard Doorbell cost?",
    "Does Halvard run a loyalty points programme for Guard subscribers?",
    "What wind speed is the Halvard Cam Outdoor magnetic mount rated for?",
    "When will Halvard release a 4K version of the Cam Pro?",
    "Does the Halvard app have an Apple Watch companion app?",
]
