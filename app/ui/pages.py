"""The app's pages, in the order the navigation lists them: what router.py shows and what
streamlit_app.py serves at each page's own path."""

from typing import NamedTuple


class PageSpec(NamedTuple):
    script: str  # under app/ui/screens/
    title: str
    icon: str
    url_path: str  # "" for the home page, served at the root


STUDENT: tuple[PageSpec, ...] = (
    PageSpec("home.py", "Home", "🏠", ""),
    PageSpec("quiz.py", "Quiz", "📝", "quiz"),
    PageSpec("flashcards.py", "Flashcards", "🗂️", "flashcards"),
    PageSpec("progress.py", "My progress", "📈", "progress"),
    PageSpec("article.py", "Article", "📰", "article"),
)
INSTRUCTOR: tuple[PageSpec, ...] = (
    PageSpec("class_results.py", "Class results (instructor)", "📊", "class"),
    PageSpec("banks.py", "Question banks (instructor)", "✏️", "banks"),
    PageSpec("draft.py", "Draft from article (instructor)", "📝", "draft"),
    PageSpec("roster.py", "Class roster (instructor)", "🪪", "roster"),
)
# Every page's path but home's.
PATHS = tuple(page.url_path for page in STUDENT + INSTRUCTOR if page.url_path)
