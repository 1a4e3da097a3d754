"""Pure NLP helpers of the enrich stage; none of them imports Faust or the app."""
