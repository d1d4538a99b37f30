"""Slides and notes slides made as python-pptx makes them, with the same XML, in constant time per slide."""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide, CT_Slide
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.slide import NotesSlide, Slide

MIN_SLIDE_ID = 256


class Slides:
    """New slides on one layout, as `prs.slides.add_slide(layout)` makes them, except that the layout's
    placeholders are cloned once and then copied (python-pptx clones them with XPath queries for every
    slide), and that slide ids and relationships are counted rather than searched for among all slides
    (python-pptx's search makes adding slides quadratic)."""

    def __init__(self, prs, layout) -> None:
        self.part = prs.part
        self.layout = layout
        self.ids = self.part._element.get_or_add_sldIdLst()
        self.next_id = max([MIN_SLIDE_ID - 1, *(int(s.get("id")) for s in self.ids.sldId_lst)]) + 1
        self.blank = CT_Slide.new()
        Slide(self.blank, None).shapes.clone_layout_placeholders(layout)  # type: ignore[arg-type]  # a detached slide: no part to belong to

    def add(self) -> Slide:
        part = SlidePart(self.part._next_slide_partname, CT.PML_SLIDE, self.part.package, copy.deepcopy(self.blank))
        part.relate_to(self.layout.part, RT.SLIDE_LAYOUT)
        rid = self.part.rels._add_relationship(RT.SLIDE, part)  # a new part: no relationship to reuse
        self.ids._add_sldId(id=self.next_id, rId=rid)
        self.next_id += 1
        return part.slide


class NotesSlides:
    """New notes slides, as `slide.notes_slide` makes them (NotesSlidePart.new), except that the notes
    master's placeholders are cloned once and then copied, and part names come from PartNames."""

    TEMPLATE = "/ppt/notesSlides/notesSlide%d.xml"

    def __init__(self, prs) -> None:
        self.package = prs.part.package
        self.master = prs.part.notes_master_part  # made here when missing, as python-pptx makes it first
        self.names = PartNames(self.package, self.TEMPLATE)
        self.blank = CT_NotesSlide.new()
        NotesSlide(self.blank, None).clone_master_placeholders(self.master.notes_master)  # type: ignore[arg-type]  # a detached slide: no part to belong to

    def add(self, slide: Slide) -> NotesSlide:
        part = NotesSlidePart(self.names.next(), CT.PML_NOTES_SLIDE, self.package, copy.deepcopy(self.blank))
        part.relate_to(self.master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide


class PartNames:
    """The names `package.next_partname(template)` gives, one after another, without walking the whole
    package for each (quadratic in slides): the names taken are collected once, and each one given is added.
    Only for names that nothing else adds meanwhile."""

    def __init__(self, package, template: str) -> None:
        self.template = template
        prefix = template[: (template % 42).find("42")]
        self.taken = {part.partname for part in package.iter_parts() if part.partname.startswith(prefix)}

    def next(self) -> PackURI:
        n = next(n for n in range(len(self.taken) + 1, 0, -1) if self.template % n not in self.taken)
        name = PackURI(self.template % n)
        self.taken.add(name)
        return name
