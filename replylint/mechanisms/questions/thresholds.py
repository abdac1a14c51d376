"""Every number the question coverage is tuned by, in one place.

Relevance is a share: the weight of a question's topic words a stretch of the reply covers, over
the weight of the whole topic (`relevance.coverage`). A word's weight is how informative it is: 1
for an ordinary content word, scaled by its rarity when word frequencies are available
(`relevance.informativeness`), little for words of every support message (`common_lemmas`).
Measured with bench/accuracy_questions_real.py (real material) and bench/accuracy_questions.py
(the project's own set); change one only with both figures beside the change.
"""

from __future__ import annotations

# --- topic weights -------------------------------------------------------------------------
# Words of every support message ("заказ", "номер"): they count, but weigh little.
COMMON_WEIGHT = 0.3
# Numbers in a question ("заказ 5531") identify, they do not say what is asked.
NUMBER_WEIGHT = 0.3
# Words borrowed from the sentence before a short question ("Заказ не пришёл. Когда?").
BORROWED_WEIGHT = 0.5
# Below this many own words (`relevance.size`) a question ("Что делать?", "коли буде?") borrows its neighbour's words.
THIN_TOPIC = 2.0
# Informativeness from word frequency (Zipf scale: 7 = "и", 3 = a rare word, 0 = unknown):
# weight = (RARE_ZIPF_CEILING - zipf) / (RARE_ZIPF_CEILING - PLAIN_ZIPF), clamped to
# [MIN_INFORMATIVENESS, MAX_INFORMATIVENESS]; a word of zipf PLAIN_ZIPF weighs 1.
RARE_ZIPF_CEILING = 6.5
PLAIN_ZIPF = 4.0
MIN_INFORMATIVENESS = 0.25
MAX_INFORMATIVENESS = 2.0
# Words rarer than this, or unknown to the frequency list (brand names, typos), count as this Zipf value.
UNKNOWN_ZIPF = 3.0

# --- matching a topic word in the reply ------------------------------------------------------
SYNONYM_WEIGHT = 0.8  # a word of the same synonym group
STEM_WEIGHT = 0.7  # the same first STEM letters ("доставляете" / "доставка")
STEM = 5
TYPO_LENGTH = 7  # words at least this long may match a reply's word despite one typo

# --- how relevant is relevant enough ---------------------------------------------------------
# A stretch covering this share of a question's topic is about it (an answer of the expected
# shape there answers it).
ANSWER_COVERAGE = 0.3
# …or this much topic weight (two informative words), whatever the share of a long question.
ENOUGH_WEIGHT = 2.0
# A short question, or the only one: less of the topic is needed.
LOOSE_COVERAGE = 0.2
# Of several questions, a stretch covering another question's topic this many times better than
# this one's is that question's answer, not this one's (1 / EXCLUSIVE_SHARE times).
EXCLUSIVE_SHARE = 0.5
# A stretch covering this share of a place or cause question's topic answers it without an answer
# cue of that kind (`judging.about_it`); measured: no off-topic real reply covers a third.
ABOUT_COVERAGE = 0.5
# …repeating at least this many of the question's own words (all of them, if it has fewer).
ABOUT_WORDS = 2
# A stretch opening with "Да," / "Нет," answers a yes/no question it touches this much.
OPENER_COVERAGE = 0.1
# A deferral ("уточню и напишу до 15:00") covers a question it touches this much.
DEFERRAL_COVERAGE = 0.15
# How many informative words of the client's message a reply must share to count as about it.
ON_SUBJECT_WORDS = 1
# A word that several questions of one message ask about ("заявка" in three of them) weighs this
# share: it does not tell which of them a stretch answers.
SHARED_WEIGHT = 0.5
# The whole reply is about a lone question when it covers more than this share of its topic — any
# of its words, that is (or it is `NEUTRAL_WORDS`-short): real answers seldom repeat more.
REPLY_COVERAGE = 0.01

# --- shapes ----------------------------------------------------------------------------------
# A definition's subject: at most this many words before its dash ("Студия RUTUBE — это…").
DEFINED_WORDS = 3
# At most this many words between a modal and a joiner ("можно её отменить и вернуть деньги").
MODAL_REACH = 3
# A word of the reply weighing at least this (Zipf about 5 or rarer: not "работать", "возможность")
# says what the reply is about.
CONTENT_WEIGHT = 0.6
# A lone question's reply with at most this many informative words beyond the question's is a bare
# or short answer to it ("Такой возможности нет.", "5000 видеороликов."); one with more that covers
# none of the question's words talks about something else (measured on the real dev exchanges:
# terse real answers rarely repeat the client's words).
NEUTRAL_WORDS = 12

# --- bounds ---
# Answer blocks (a paragraph per question, `judging.own_paragraph`) are sought for messages of at
# most this many questions: a reply that takes them one by one.
BLOCK_QUESTIONS = 12
# A paragraph of at most this many words that names no question ("Да, можно.", "На данный момент
# такой возможности нет.") is a bare answer: it answers, in the order asked, a question no other
# paragraph is about (`judging._bare_in_order`).
BARE_WORDS = 10
# At most this many reply stretches are scored against one question (the ones sharing the most
# words with it, from an index): a client message of hundreds of questions stays linear.
CANDIDATE_UNITS = 24
