"""A labelled evaluation corpus for ``ketadoc check``: short passages, in English and Spanish,
each with the findings a careful health editor would expect and, by omission, would not.

Every passage is set in an article whose front matter is complete (authors, reviewer,
review date, key points, questions, disclaimer), so a finding with an id that is not in
``expect`` is a false positive. ``front`` replaces front-matter fields of that base
(``None`` removes one). The labels are the editor's judgement, written before the checks
were tuned on them: change one only with a sentence in ``why`` saying what the editor sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

BASE: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Living with a long-term condition",
        "description": "A short guide for patients and families.",
        "date_published": "2026-01-10",
        "last_reviewed": "2026-03-01",
        "authors": [{"name": "Ana Ruiz", "credentials": "RN"}],
        "reviewers": [{"name": "Sam Lee", "credentials": "MD", "job_title": "GP"}],
        "key_points": ["Ask your nurse if anything is not clear."],
        "questions_to_ask": ["What should I do if I feel worse?"],
        "disclaimer": "This is general information. Talk with your own doctor.",
    },
    "es": {
        "title": "Vivir con una enfermedad de larga duración",
        "description": "Una guía breve para pacientes y familias.",
        "date_published": "2026-01-10",
        "last_reviewed": "2026-03-01",
        "authors": [{"name": "Ana Ruiz", "credentials": "Enfermera"}],
        "reviewers": [{"name": "Sam Lee", "credentials": "MD", "job_title": "Médico"}],
        "key_points": ["Pregunte a su enfermera si algo no está claro."],
        "questions_to_ask": ["¿Qué hago si me encuentro peor?"],
        "disclaimer": "Esta información es general. Hable con su médico.",
    },
}


@dataclass(frozen=True)
class Passage:
    """One labelled passage: its language tag, Markdown body and expected check ids."""

    id: str
    language: str
    body: str
    expect: frozenset[str] = frozenset()
    front: dict[str, Any] = field(default_factory=dict)
    why: str = ""
    #: A word the message of each expected finding must contain (region numbers...).
    message_has: tuple[str, ...] = ()
    message_lacks: tuple[str, ...] = ()

    def source(self) -> str:
        """The passage as a ketadoc Markdown article."""
        primary = self.language.split("-")[0]
        front = {**BASE.get(primary, BASE["en"]), "language": self.language}
        for key, value in self.front.items():
            if value is None:
                front.pop(key, None)
            else:
                front[key] = value
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{header}---\n\n{self.body.strip()}\n"


def P(id: str, language: str, body: str, *expect: str, **front: Any) -> Passage:
    """A table row: the passage, then the ids it should draw, then front-matter changes."""
    extra = {k: front.pop(k) for k in ("why", "message_has", "message_lacks") if k in front}
    return Passage(id, language, body, frozenset(expect), front, **extra)


NO_ACTION_EN = {"care_advice": None, "key_points": ["Flu is a common infection."]}
NO_ACTION_ES = {"care_advice": None, "key_points": ["La gripe es una infección frecuente."]}
SERTRALINE = [{"type": "drug", "name": "Sertraline"}]

PASSAGES: tuple[Passage, ...] = (
    # --- KD205: medical terms, unexplained ------------------------------------------------
    P("glaucoma-unexplained", "en-GB",
      "Glaucoma can slowly damage your sight. Use your eye drops every day.", "KD205"),
    P("hyperglycemia-unexplained", "en-US",
      "If your sugar stays high for days, you may get hyperglycemia. Drink water and check"
      " your sugar.", "KD205"),
    P("ssri-unexplained", "en-US",
      "Sertraline is one of the SSRIs. Take it once a day with food.", "KD205"),
    P("glycated-unexplained", "en-US",
      "Your glycated hemoglobin result was high at your last visit. Ask your nurse what it"
      " means for you.", "KD205"),
    P("insulin-resistance-unexplained", "en-US",
      "Insulin resistance makes type 2 diabetes more likely. Walk for a short time every"
      " day.", "KD205"),
    P("contraindication-unexplained", "en-GB",
      "Pregnancy is a contraindication for this medicine. Tell your doctor if you could be"
      " pregnant.", "KD205"),
    P("intravenous-unexplained", "en-US",
      "You will get an intravenous infusion at the clinic. Bring a book to read.", "KD205"),
    P("hypertension-unexplained", "en-US",
      "Hypertension makes a stroke more likely. Check your blood pressure at home.", "KD205"),
    P("nephropathy-unexplained", "en-IE",
      "Over many years, diabetes can lead to nephropathy. Go to your yearly check-up.",
      "KD205"),
    P("hiperglucemia-sin-explicar", "es-ES",
      "Si el azúcar sube mucho, puede tener hiperglucemia. Beba agua y mida su azúcar.",
      "KD205"),
    P("anafilaxia-sin-explicar", "es-ES",
      "La anafilaxia después de una vacuna es muy rara. Espere en el centro unos minutos.",
      "KD205"),
    P("isrs-sin-explicar", "es-ES",
      "La sertralina es un ISRS. Tómela cada día a la misma hora.", "KD205"),
    P("anaphylaxis-unexplained", "en-GB",
      "If you have anaphylaxis, use your adrenaline auto-injector straight away.", "KD205"),
    P("bronchiolitis-unexplained", "en-GB",
      "Bronchiolitis is common in babies under 1 year. Keep your baby's nose clear.",
      "KD205"),
    P("cefalea-sin-explicar", "es-ES",
      "Los efectos adversos más frecuentes son náuseas y cefalea. Descanse si los nota.",
      "KD205", why="cefalea is the clinical word for a headache (dolor de cabeza)"),
    # --- KD205: explained, or everyday words -------------------------------------------------
    P("hyperglycemia-in-brackets", "en-US",
      "High blood sugar (hyperglycemia) can make you thirsty. Drink water and check your"
      " sugar."),
    P("glaucoma-defined", "en-GB",
      "Glaucoma is an eye condition that damages the nerve at the back of your eye. Use your"
      " drops every day."),
    P("ssri-defined", "en-US",
      "SSRIs are medicines that help with low mood and worry. Take yours once a day."),
    P("gloss-after-term", "en-US",
      "Doctors may call this hypertension, which means high blood pressure. Check it at"
      " home."),
    P("insulin-resistance-defined", "en-US",
      "Insulin resistance means your body does not use insulin well. Walking every day"
      " helps."),
    P("acidosis-glossed", "en-US",
      "Metformin can rarely cause lactic acidosis, a serious build-up of acid in the blood."
      " Get help if you feel very weak."),
    P("a1c-explained", "en-US",
      "Your A1C test shows your average blood sugar over the past 3 months."),
    P("epoc-definida", "es-ES", "La EPOC es una enfermedad de los pulmones. No fume."),
    P("everyday-side-effects", "en-GB",
      "You may feel drowsiness or dizziness at first. Rest until it passes."),
    P("hiperglucemia-explicada", "es-ES",
      "La hiperglucemia (mucho azúcar en la sangre) da sed. Beba agua a menudo."),
    P("llamada-hipertension", "es-ES",
      "La tensión alta, llamada hipertensión, se puede controlar. Tómese la tensión en"
      " casa."),
    # --- KD206: risks as percentages ---------------------------------------------------------
    P("percent-of-people", "en-US",
      "About 30% of people get a headache in the first week. Rest and drink water.",
      "KD206"),
    P("percent-chance", "en-GB",
      "There is a 0.5% chance of a serious reaction. Tell the nurse if you feel unwell.",
      "KD206"),
    P("relative-risk", "en-US",
      "Medicines called statins lower the risk of a heart attack by 25 percent. Take yours"
      " every evening.", "KD206"),
    P("times-more-likely", "en-US",
      "Smokers are 2.5 times more likely to get this cancer. Ask us about help to stop.",
      "KD206"),
    P("por-ciento-personas", "es-ES",
      "El 20 % de las personas nota dolor en el brazo. Póngase frío en la zona.", "KD206"),
    P("vaccine-effectiveness", "en-US",
      "The vaccine is 90% effective. Get it before winter.", "KD206",
      why='"9 in 10 people who get it are protected" is the whole-number form'),
    # --- KD206: measurements, thresholds and doses are not risks -----------------------------
    P("lab-thresholds", "en-GB",
      "A fasting blood sugar of 5.6 to 6.9 mmol/l means prediabetes. At 7.0 mmol/l or"
      " higher, it is diabetes. Ask us what your result means."),
    P("percent-threshold", "en-US",
      "A result of 6.5 percent or more on this blood test points to diabetes. Ask your"
      " doctor to explain your result."),
    P("dose-decimal", "en-US", "Take 2.5 ml of the liquid twice a day with food."),
    P("whole-numbers", "en-US",
      "Most people feel better within 2 weeks. About 3 in 10 people get a headache."),
    P("fever-threshold", "en-GB", "Take paracetamol for a fever above 38.5°C."),
    P("dosis-decimal", "es-ES", "Tome 2,5 ml del jarabe dos veces al día."),
    P("umbral-glucosa", "es-MX",
      "Un azúcar en sangre en ayunas de 126 mg/dl o más indica diabetes. Pregunte a su"
      " médico."),
    # --- KD207: an action for the reader, in English and Spanish -----------------------------
    P("spanish-care-advice", "es-ES", "La vacuna protege de la gripe grave.",
      care_advice=[{"level": "emergency", "text": "Llame al 112 si le cuesta respirar."}],
      key_points=["La vacuna de la gripe se pone cada otoño."],
      why="Spanish care advice is an action: no KD207."),
    P("spanish-imperative", "es-ES", "Pida cita en su centro de salud.", **NO_ACTION_ES),
    P("spanish-no-action", "es-ES",
      "La gripe es una infección de la nariz, la garganta y los pulmones. Es más grave en"
      " las personas mayores.", "KD207", **NO_ACTION_ES),
    P("english-no-action", "en-GB",
      "Flu spreads in winter. Older people are more likely to become very ill.", "KD207",
      **NO_ACTION_EN),
    P("english-imperative", "en-GB", "Book your flu jab at the pharmacy.", **NO_ACTION_EN),
    # --- KD310-KD312: regions -----------------------------------------------------------
    P("ie-antidepressant-no-emergency", "en-IE", "Take sertraline once a day.", "KD311",
      about=SERTRALINE,
      regulatory_status="Sertraline is authorised by the HPRA for depression.",
      message_has=("112", "50808"), message_lacks=("911", "988")),
    P("gb-antidepressant-no-emergency", "en-GB", "Take sertraline once a day.", "KD311",
      about=SERTRALINE,
      regulatory_status="Sertraline is licensed by the MHRA for depression.",
      message_has=("999", "116 123"), message_lacks=("911", "988")),
    P("es-antidepressant-no-emergency", "es-ES", "Tome la sertralina una vez al día.", "KD311",
      about=[{"type": "drug", "name": "Sertralina"}],
      regulatory_status="La AEMPS ha autorizado la sertralina para la depresión.",
      message_has=("112", "024"), message_lacks=("911", "988")),
    P("no-region-antidepressant", "en", "Take sertraline once a day.", "KD311",
      about=SERTRALINE,
      regulatory_status="Sertraline is approved for depression.",
      message_has=("region",), message_lacks=("911", "988", "999")),
    P("region-in-front-matter", "en", "Take sertraline once a day.", "KD311",
      about=SERTRALINE, region="IE",
      regulatory_status="Sertraline is authorised by the HPRA for depression.",
      message_has=("112", "50808"), message_lacks=("911", "988")),
    P("us-antidepressant-complete", "en-US", "Take sertraline once a day.",
      about=SERTRALINE,
      regulatory_status="The FDA has approved sertraline for depression.",
      care_advice=[{"level": "emergency",
                    "text": "Call 911 or call or text 988 if you think about hurting yourself."}]),
    P("gb-page-with-911", "en-GB", "Rest and drink plenty of fluids.", "KD312",
      care_advice=[{"level": "emergency", "text": "Call 911 if you have chest pain."}],
      message_has=("999",)),
    P("ie-page-with-own-numbers", "en-IE", "Rest and drink plenty of fluids.",
      care_advice=[{"level": "emergency", "text": "Call 112 or 999 if you have chest pain."}]),
    P("gb-drug-no-status", "en-GB", "Take ibuprofen with food.", "KD310",
      about=[{"type": "drug", "name": "Ibuprofen"}],
      message_has=("MHRA",), message_lacks=("FDA",)),
    P("es-drug-no-status", "es-ES", "Tome el ibuprofeno con comida.", "KD310",
      about=[{"type": "drug", "name": "Ibuprofeno"}],
      message_has=("AEMPS",), message_lacks=("FDA",)),
    P("fr-page-with-911", "fr-FR", "Reposez-vous et buvez beaucoup d'eau.", "KD312", "KD105",
      "KD106",
      care_advice=[{"level": "emergency", "text": "Appelez le 911 si vous avez mal à la poitrine."}],
      message_has=("15", "112")),
    P("de-page-with-own-numbers", "de-DE", "Ruhen Sie sich aus und trinken Sie viel.", "KD105",
      "KD106",
      care_advice=[{"level": "emergency",
                    "text": "Wählen Sie 112, außerhalb der Sprechzeiten 116 117."}]),
    P("de-drug-no-status", "de-DE", "Nehmen Sie Ibuprofen zum Essen ein.", "KD310", "KD105",
      "KD106",
      about=[{"type": "drug", "name": "Ibuprofen"}],
      message_has=("BfArM",), message_lacks=("FDA",)),
    P("unknown-region-drug-no-status", "en-CA", "Take ibuprofen with food.", "KD310",
      about=[{"type": "drug", "name": "Ibuprofen"}],
      message_has=("not of region CA",), message_lacks=("FDA", "set region")),
    P("other-language-skipped", "fr", "Prenez un comprimé chaque jour.", "KD105", "KD106"),
    # --- KD208: steps in order -----------------------------------------------------------
    P("steps-in-prose", "en-US",
      "First, wash your hands. Then put one drop in each eye. Next, close your eyes for a"
      " minute.", "KD208"),
    P("pasos-en-texto", "es-ES",
      "Primero, lávese las manos. Luego, ponga una gota en cada ojo. Por último, cierre los"
      " ojos un minuto.", "KD208"),
    P("tips-not-steps", "en-US", "- Take it with food.\n- Avoid alcohol.\n- Keep it cool."),
    P("numbered-steps", "en-US",
      "1. Wash your hands.\n2. Put one drop in each eye.\n3. Close your eyes for a minute."),
    # --- KD302: reviewer policy ------------------------------------------------------------
    P("no-reviewer", "en-GB", "Rest and drink plenty of fluids.", "KD302", reviewers=None),
    # --- readability, structure and accessibility --------------------------------------------
    P("hard-lead", "en-US",
      "Pharmacological interventions characteristically necessitate individualized"
      " consideration of concomitant medications, hepatic metabolism variability and"
      " idiosyncratic physiological susceptibilities, particularly amongst geriatric"
      " populations experiencing multidimensional vulnerabilities that complicate decisions."
      " Consequently, individualized pharmacotherapeutic optimization remains fundamentally"
      " indispensable.",
      "KD101", "KD102", "KD205",
      why="grade far above 8; 'hepatic' is unexplained"),
    P("plain-lead", "en-US",
      "Flu is an illness that spreads in winter. It can make you feel hot, tired and sore."
      " Most people get better in a week. Rest, drink water and stay at home. Call your"
      " doctor if you feel worse after three days."),
    P("texto-dificil", "es-ES",
      "La administración concomitante de determinados fármacos inmunosupresores"
      " incrementa considerablemente la probabilidad de manifestaciones adversas"
      " clínicamente relevantes, particularmente en poblaciones geriátricas con"
      " comorbilidad cardiovascular establecida y deterioro funcional progresivo."
      " Consecuentemente, resulta imprescindible la individualización terapéutica.",
      "KD101", "KD102", "KD205",
      why="reading ease far below 60; 'comorbilidad' is unexplained"),
    P("generic-heading", "en-GB", "## Overview\n\nRest and drink plenty of fluids.", "KD204"),
    P("encabezado-generico", "es-ES", "## Más información\n\nDescanse y beba agua.", "KD204"),
    P("investigacion-sin-cita", "es-ES",
      "## Lo que dice la investigación\n\nLos estudios muestran que caminar reduce la"
      " ansiedad. Camine un rato cada día.", "KD401"),
    P("named-heading", "en-GB", "## How to look after yourself\n\nRest and drink water."),
    P("placeholder-alt", "en-US", "![image](chart.png \"Weeks of treatment\")", "KD501"),
    P("alt-and-caption", "en-US",
      "![A chart of worry scores falling over six weeks](chart.png \"Weeks of treatment\")"),
    P("empty-header", "en-US",
      "| | Dose |\n| --- | --- |\n| Morning | 1 tablet |", "KD504"),
    P("faq-without-question-mark", "en-GB",
      "Rest and drink water.\n\n## Frequently Asked Questions\n\n### Going back to work"
      "\n\nStay at home until you feel well.", "KD603"),
    # --- KD502 / KD507: link text ------------------------------------------------------------
    P("click-here", "en-US", "For more, [click here](https://example.org/flu).", "KD502"),
    P("aqui", "es-ES", "Lea más [aquí](https://example.org/gripe).", "KD502"),
    P("named-link", "en-GB",
      "Read [the NHS page on flu vaccines](https://example.org/flu) before you come."),
    P("bare-url", "en-US", "Read https://example.org/flu before you come.", "KD507"),
)  # fmt: skip
