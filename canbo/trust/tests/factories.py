from __future__ import annotations

from datetime import date
from typing import Any

import factory

from canbo.accounts.tests.factories import UserFactory
from canbo.people.tests.factories import PersonFactory
from canbo.policy.trust import trust_vote_outcome
from canbo.trust.models import TrustVote


class TrustVoteFactory(factory.django.DjangoModelFactory[TrustVote]):
    class Meta:
        model = TrustVote

    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    held_on = date(2024, 6, 1)
    body = "Ban Chấp hành Đảng bộ"
    summoned = 30
    returned = 30
    high = 20
    trust = 8
    low = 2
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(
        cls, model_class: type[TrustVote], *args: Any, **kwargs: Any
    ) -> TrustVote:
        kwargs["unit_path"] = kwargs["unit"].path
        kwargs["outcome"] = trust_vote_outcome(kwargs["low"], kwargs["returned"])
        return super()._create(model_class, *args, **kwargs)
